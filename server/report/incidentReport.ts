import type { Attribution, Diff, Finding, Snapshot, VersionSummary } from '../../shared/index.ts'
import { changedAreaSvg } from './changedAreaSvg.ts'

/** Everything an incident report shows, computed once and rendered as Markdown or HTML. */
export interface IncidentReport {
  env: string
  from: Pick<VersionSummary, 'id' | 'createdAt'>
  to: Pick<VersionSummary, 'id' | 'createdAt'>
  generatedAt: string
  diff: Diff
  /** The findings of the TO version, most severe first. */
  findings: Finding[]
  attribution?: Attribution
  /** The changed area as a self-contained SVG document. */
  svg: string
}

export function incidentReport(input: {
  env: string; from: { version: VersionSummary; snapshot: Snapshot }; to: { version: VersionSummary; snapshot: Snapshot }
  diff: Diff; findings: Finding[]; attribution?: Attribution; now: Date
}): IncidentReport {
  return {
    env: input.env,
    from: { id: input.from.version.id, createdAt: input.from.version.createdAt },
    to: { id: input.to.version.id, createdAt: input.to.version.createdAt },
    generatedAt: input.now.toISOString(),
    diff: input.diff,
    findings: input.findings,
    ...(input.attribution ? { attribution: input.attribution } : {}),
    svg: changedAreaSvg(input.diff, input.from.snapshot, input.to.snapshot),
  }
}
