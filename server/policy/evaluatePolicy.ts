import type { AcceptanceMark, AcceptanceStatus, Exposure, Finding, ScopeResult, ScopeViolation, Severity, Snapshot } from '../../shared/index.ts'
import type { SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import { acceptanceMatcher, describeAcceptance, type PolicyItem } from './acceptanceMatcher.ts'
import type { Policy } from './Policy.ts'
import { exposureIds, policyContext, type PolicyContext } from './PolicyContext.ts'
import { internetScope } from './scopes/internetScopes.ts'
import { noPathScope } from './scopes/noPathScope.ts'

/** The check id scope violations carry, so that an acceptance can name them (`check: SCOPE_VIOLATION`). */
export const SCOPE_VIOLATION = 'SCOPE_VIOLATION'
const DEFAULT_SCOPE_SEVERITY: Severity = 'high'

/** A policy applied to one version: findings and exposures marked, scopes answered, acceptances' status. */
export interface PolicyEvaluation {
  file: string
  today: string
  findings: Finding[]
  exposures: Exposure[]
  scopes: ScopeResult[]
  acceptances: AcceptanceStatus[]
}

/**
 * Applies a policy to a version's analysis. `today` (UTC, YYYY-MM-DD) decides which acceptances have
 * expired: an acceptance applies through its `expires` day. The first active acceptance in file
 * order that matches an item marks it; every acceptance records all it matches, so one that matches
 * nothing is reported stale, and an expired one lists what it no longer covers. Pure.
 */
export function evaluatePolicy(policy: Policy, snapshot: Snapshot, analysis: SnapshotAnalysis, today: string): PolicyEvaluation {
  const ctx = policyContext(snapshot, analysis)
  const scopes = policy.scopes.map((s) => evaluateScope(s, ctx))
  const checksByExposure = new Map<string, string[]>()
  for (const f of analysis.findings) for (const id of f.exposureIds ?? []) checksByExposure.set(id, [...(checksByExposure.get(id) ?? []), f.check])
  const exposureById = new Map(analysis.exposure.exposures.map((e) => [e.id, e]))

  const items: PolicyItem[] = [
    ...analysis.findings.map((f): PolicyItem => {
      const exps = (f.exposureIds ?? []).map((id) => exposureById.get(id)).filter((e): e is Exposure => !!e)
      return {
        id: f.id, checks: [f.check], resourceIds: [...f.resourceIds, ...exps.flatMap(exposureIds)], protocols: [...new Set(exps.map((e) => e.protocol))],
        ports: f.ports ?? [], sources: f.sources ?? exps.flatMap((e) => e.sources),
      }
    }),
    ...analysis.exposure.exposures.map((e): PolicyItem => ({
      id: e.id, checks: checksByExposure.get(e.id) ?? [], resourceIds: exposureIds(e), protocols: [e.protocol], ports: [e.ports], sources: e.sources,
    })),
    ...scopes.flatMap((s) => s.violations.map((v): PolicyItem => ({
      id: v.id, checks: [SCOPE_VIOLATION, `${SCOPE_VIOLATION}:${s.id}`], resourceIds: v.resourceIds, protocols: [v.protocol], ports: [v.ports], sources: v.sources ?? [],
    }))),
  ]
  // The items worth testing against an acceptance: those naming its resource, else its check, else all.
  const byResource = indexBy(items, (i) => i.resourceIds)
  const byCheck = indexBy(items, (i) => i.checks)
  const candidates = (a: Policy['accept'][number]): PolicyItem[] =>
    a.resource !== undefined ? byResource.get(a.resource) ?? [] : a.check !== undefined ? byCheck.get(a.check) ?? [] : items
  const marks = new Map<string, AcceptanceMark>()
  const acceptances = policy.accept.map((a, index): AcceptanceStatus => {
    const mark: AcceptanceMark = { index, line: a.line, reason: a.reason, owner: a.owner, ...(a.expires ? { expires: a.expires } : {}) }
    const expired = a.expires !== undefined && a.expires < today
    const matches = acceptanceMatcher(a, ctx)
    const matched: string[] = []
    for (const item of candidates(a)) {
      if (!matches(item)) continue
      matched.push(item.id)
      if (!expired && !marks.has(item.id)) marks.set(item.id, mark)
    }
    return { ...mark, matches: describeAcceptance(a), status: expired ? 'expired' : matched.length === 0 ? 'stale' : 'active', matched }
  })
  const marked = <T extends { id: string }>(x: T): T => (marks.has(x.id) ? { ...x, accepted: marks.get(x.id)! } : x)
  return {
    file: policy.file, today,
    findings: analysis.findings.map(marked),
    exposures: analysis.exposure.exposures.map(marked),
    scopes: scopes.map((s) => ({ ...s, violations: s.violations.map((v) => marked(v as ScopeViolation)) })),
    acceptances,
  }
}

/** Items by each key they carry, in item order, each once: looked up, not scanned, by hundreds of acceptances. */
function indexBy(items: PolicyItem[], keys: (i: PolicyItem) => string[]): Map<string, PolicyItem[]> {
  const index = new Map<string, PolicyItem[]>()
  for (const item of items) {
    for (const k of keys(item)) {
      const list = index.get(k)
      if (!list) index.set(k, [item])
      else if (list[list.length - 1] !== item) list.push(item)
    }
  }
  return index
}

function evaluateScope(s: Policy['scopes'][number], ctx: PolicyContext): ScopeResult {
  const severity = s.severity ?? DEFAULT_SCOPE_SEVERITY
  const o = s.kind === 'no-path' ? noPathScope(s, severity, ctx) : internetScope(s, severity, ctx)
  return {
    id: s.id, kind: s.kind, ...(s.description ? { description: s.description } : {}), severity, line: s.line,
    status: o.violations.length > 0 ? 'violated' : o.unknown.length > 0 ? 'unknown' : 'holds',
    violations: o.violations, unknown: o.unknown, truncated: o.truncated,
  }
}
