import { type Diff, SEVERITIES, type Severity, type VersionChanges } from '../../shared/index.ts'

/** What a diff against the parent comes to: its summary and its changes counted by severity. Pure. */
export function versionChanges(diff: Diff): VersionChanges {
  const count = (severities: Severity[]) => {
    const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as VersionChanges['changes']
    for (const s of severities) out[s] += 1
    return out
  }
  return {
    summary: diff.summary,
    changes: count([...diff.resources.map((r) => r.severity), ...diff.relationships.map((r) => r.severity)]),
    exposure: count(diff.exposure.map((e) => e.severity)),
  }
}
