import type { Finding } from '../../../shared/index.ts'
import { acceptedCell } from './acceptedCell.ts'
import { formatPorts } from './formatPorts.ts'
import { toCsv } from './toCsv.ts'

/** Findings, one per row, as GET …/findings returns them (most severe first); `accepted` with serve --policy. */
export function findingsToCsv(findings: readonly Finding[]): string {
  return toCsv(
    ['severity', 'check', 'title', 'resources', 'ports', 'sources', 'detail', 'id', 'accepted'],
    findings.map((f) => [f.severity, f.check, f.title, f.resourceIds.join(';'), formatPorts(f.ports), (f.sources ?? []).join(';'), f.detail, f.id, acceptedCell(f.accepted)]),
  )
}
