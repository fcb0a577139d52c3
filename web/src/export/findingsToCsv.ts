import type { Finding } from '../../../shared/index.ts'
import { formatPorts } from './formatPorts.ts'
import { toCsv } from './toCsv.ts'

/** Findings, one per row, as GET …/findings returns them (most severe first). */
export function findingsToCsv(findings: readonly Finding[]): string {
  return toCsv(
    ['severity', 'check', 'title', 'resources', 'ports', 'sources', 'detail', 'id'],
    findings.map((f) => [f.severity, f.check, f.title, f.resourceIds.join(';'), formatPorts(f.ports), (f.sources ?? []).join(';'), f.detail, f.id]),
  )
}
