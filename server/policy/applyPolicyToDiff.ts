import type { Diff, Exposure, PolicyChange, Snapshot } from '../../shared/index.ts'
import type { SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import { maxSeverity, severityRank } from '../../shared/severityOrder.ts'
import { evaluatePolicy, type PolicyEvaluation } from './evaluatePolicy.ts'
import type { Policy } from './Policy.ts'

export interface AnalyzedVersion { snapshot: Snapshot; analysis: SnapshotAnalysis }

/**
 * A diff seen through a policy, both versions evaluated on the same day: exposure changes whose new
 * exposure is accepted are marked (alerts and `check` skip them); a scope the change breaks is a
 * policy change of the scope's severity, a scope it restores one of `info`; an item that comes back
 * while only an expired acceptance covers it is a change of the item's own severity. Pure.
 */
export function applyPolicyToDiff(diff: Diff, policy: Policy, from: AnalyzedVersion, to: AnalyzedVersion, today: string): Diff {
  const before = evaluatePolicy(policy, from.snapshot, from.analysis, today)
  const after = evaluatePolicy(policy, to.snapshot, to.analysis, today)
  const changes = policyChanges(before, after)
  const exposure = diff.exposure.map((c) => {
    if (c.change === 'no-longer-exposed' || c.change === 'narrowed') return c
    const now = after.exposures.filter((e) => e.eni === c.resourceId && e.protocol === c.protocol && e.ports[0] <= c.ports.to && e.ports[1] >= c.ports.from)
    return now.length > 0 && now.every((e) => e.accepted) ? { ...c, accepted: now[0].accepted! } : c
  })
  const severities = [...exposure.filter((c) => !c.accepted).map((c) => c.severity), ...diff.resources.map((r) => r.severity),
    ...diff.relationships.map((r) => r.severity), ...changes.map((c) => c.severity)]
  return { ...diff, exposure, policy: changes, summary: { ...diff.summary, highestSeverity: severities.length ? maxSeverity(...severities) : null } }
}

export function policyChanges(before: PolicyEvaluation, after: PolicyEvaluation): PolicyChange[] {
  const out: PolicyChange[] = []
  const open = (ev: PolicyEvaluation) => new Map(ev.scopes.flatMap((s) => s.violations).filter((v) => !v.accepted).map((v) => [v.id, v]))
  const was = open(before), is = open(after)
  for (const [id, v] of is) {
    if (!was.has(id)) out.push({ type: 'scope-violated', severity: v.severity, id, scope: v.scope, resourceIds: v.resourceIds, summary: `breaks scope ${v.scope}: ${v.title}` })
  }
  for (const [id, v] of was) {
    if (!is.has(id)) out.push({ type: 'scope-restored', severity: 'info', id, scope: v.scope, resourceIds: v.resourceIds, summary: `scope ${v.scope} holds again: no longer ${v.title}` })
  }
  const existed = new Set([...before.findings.map((f) => f.id), ...before.exposures.map((e) => e.id), ...before.scopes.flatMap((s) => s.violations.map((v) => v.id))])
  type Item = { severity: PolicyChange['severity']; title: string; resourceIds: string[]; accepted?: unknown }
  const items = new Map<string, Item>()
  for (const f of after.findings) items.set(f.id, { severity: f.severity, title: f.title, resourceIds: f.resourceIds, accepted: f.accepted })
  for (const e of after.exposures) items.set(e.id, { severity: e.severity, title: exposureTitle(e), resourceIds: [e.eni, ...(e.resource ? [e.resource] : [])], accepted: e.accepted })
  for (const v of after.scopes.flatMap((s) => s.violations)) items.set(v.id, { severity: v.severity, title: v.title, resourceIds: v.resourceIds, accepted: v.accepted })
  const reported = new Set<string>()
  for (const a of after.acceptances) {
    if (a.status !== 'expired') continue
    for (const id of a.matched) {
      const item = items.get(id)
      // A scope it breaks again is reported above, once.
      if (!item || item.accepted || existed.has(id) || reported.has(id) || (is.has(id) && !was.has(id))) continue
      reported.add(id)
      out.push({
        type: 'acceptance-expired', severity: item.severity, id, acceptanceLine: a.line, resourceIds: item.resourceIds,
        summary: `${item.title}: back, and its acceptance (${after.file}:${a.line}, owner ${a.owner}) expired on ${a.expires}`,
      })
    }
  }
  return out.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
}

const exposureTitle = (e: Exposure) => `${e.eni} reachable from the internet on ${e.protocol} ${e.ports[0] === e.ports[1] ? e.ports[0] : e.ports.join('-')}`
