/**
 * The policy evaluation as it was before it was made fast (evaluatePolicy of commit a816df2, unchanged
 * but for names): every acceptance tested against every item naming its resource or check by a scan.
 * Kept as the straightforward reference the optimised evaluation must equal (policyEquivalence.test.ts).
 * `no-path` scopes are answered there by the optimised scope, and compared separately with a pairwise
 * reference (pairwiseNoPath: every source against every target), which they must agree with.
 */
import type { AcceptanceMark, AcceptanceStatus, Exposure, PolicyScope, ReachAnswer, ScopeResult, ScopeViolation, Severity, Snapshot } from '../../../../shared/index.ts'
import { AddressSet } from '../../../../server/analysis/AddressSet.ts'
import type { SnapshotAnalysis } from '../../../../server/analysis/analyzeSnapshot.ts'
import { eniPath } from '../../../../server/analysis/eniPath.ts'
import type { EniC } from '../../../../server/analysis/Model.ts'
import { ALL, protocolNumber, TCP } from '../../../../server/analysis/protocols.ts'
import { acceptanceMatcher, describeAcceptance, type PolicyItem } from '../../../../server/policy/acceptanceMatcher.ts'
import { SCOPE_VIOLATION, type PolicyEvaluation } from '../../../../server/policy/evaluatePolicy.ts'
import type { Policy } from '../../../../server/policy/Policy.ts'
import { exposureIds, policyContext, type PolicyContext } from '../../../../server/policy/PolicyContext.ts'
import { portRange } from '../../../../server/policy/policyTerms.ts'
import { internetScope } from '../../../../server/policy/scopes/internetScopes.ts'
import { noPathScope } from '../../../../server/policy/scopes/noPathScope.ts'
import { selectEnis } from '../../../../server/policy/selectEnis.ts'

const DEFAULT_SCOPE_SEVERITY: Severity = 'high'

/**
 * Applies a policy to a version's analysis. `today` (UTC, YYYY-MM-DD) decides which acceptances have
 * expired: an acceptance applies through its `expires` day. The first active acceptance in file
 * order that matches an item marks it; every acceptance records all it matches, so one that matches
 * nothing is reported stale, and an expired one lists what it no longer covers. Pure.
 */
export function referenceEvaluatePolicy(policy: Policy, snapshot: Snapshot, analysis: SnapshotAnalysis, today: string): PolicyEvaluation {
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
  const marks = new Map<string, AcceptanceMark>()
  const acceptances = policy.accept.map((a, index): AcceptanceStatus => {
    const mark: AcceptanceMark = { index, line: a.line, reason: a.reason, owner: a.owner, ...(a.expires ? { expires: a.expires } : {}) }
    const expired = a.expires !== undefined && a.expires < today
    const matches = acceptanceMatcher(a, ctx)
    const matched: string[] = []
    for (const item of candidates(items, a)) {
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

/** The items worth testing against an acceptance: those naming its resource or check when it has one. */
function candidates(items: PolicyItem[], a: Policy['accept'][number]): PolicyItem[] {
  if (a.resource !== undefined) return items.filter((i) => i.resourceIds.includes(a.resource!))
  if (a.check !== undefined) return items.filter((i) => i.checks.includes(a.check!))
  return items
}

function evaluateScope(s: Policy['scopes'][number], ctx: PolicyContext): ScopeResult {
  const severity = s.severity ?? DEFAULT_SCOPE_SEVERITY
  // no-path: the optimised scope itself (compared with pairwiseNoPath separately), so that the acceptances
  // matched against its violations are compared here.
  const o = s.kind === 'no-path' ? noPathScope(s, severity, ctx) : internetScope(s, severity, ctx)
  return {
    id: s.id, kind: s.kind, ...(s.description ? { description: s.description } : {}), severity, line: s.line,
    status: o.violations.length > 0 ? 'violated' : o.unknown.length > 0 ? 'unknown' : 'holds',
    violations: o.violations, unknown: o.unknown, truncated: o.truncated,
  }
}

type NoPath = Extract<PolicyScope, { kind: 'no-path' }>

/** What tracing every pair of a `no-path` scope finds: the first pair with a path (if any) and the reasons a trace could not answer. */
export interface PairwiseNoPath { status: 'violated' | 'unknown' | 'holds'; first?: string; unknown: string[] }

/**
 * `no-path` answered pair by pair, with no classes: every selected source against every selected
 * target (not itself), on the first port of each of the target's ingress rules that admits the
 * source, in the groups' order; the pair has a path when one of those traces passes. Stops at the
 * first pair with a path. Quadratic: only for the small inventories of the tests.
 */
export function pairwiseNoPath(scope: NoPath, ctx: PolicyContext): PairwiseNoPath {
  const { model } = ctx.analysis
  const fromSel = selectEnis(scope.from, ctx)
  const toSel = selectEnis(scope.to, ctx)
  const sources = [...model.enis.values()].filter((e) => e.kind !== 'nat-gateway' && e.privateIps.length > 0 && fromSel(e))
  const targets = [...model.enis.values()].filter((e) => e.privateIps.length > 0 && toSel(e))
  const unknown = new Set<string>()
  for (const target of targets) {
    for (const src of sources) {
      if (src.id === target.id) continue
      const reach = pairReaches(scope, ctx, src, target, unknown)
      if (reach) return { status: 'violated', first: `${src.id}>${target.id}`, unknown: [...unknown] }
    }
  }
  return { status: unknown.size > 0 ? 'unknown' : 'holds', unknown: [...unknown] }
}

/** The path from src to target on the first admitting rule whose trace passes, or undefined; reasons a trace could not answer go to `unknown`. */
export function pairReaches(scope: NoPath, ctx: PolicyContext, src: EniC, target: EniC, unknown = new Set<string>()): ReachAnswer | undefined {
  const { model, exposure } = ctx.analysis
  const bucket = protocolNumber(scope.protocol ?? 'tcp') ?? TCP
  const range = scope.port === undefined ? undefined : portRange(scope.port)
  const addr = AddressSet.fromCidr(src.privateIps[0])
  const admitting = target.groupIds.flatMap((g) => model.securityGroups.get(g)?.ingress ?? [])
    .filter((r) => (bucket === ALL || r.proto === ALL || r.proto === bucket) && (!range || (r.lo <= range[1] && r.hi >= range[0])))
    .filter((r) => (r.peerKind === 'security-group' ? !r.stale && src.groupIds.includes(r.refGroupId!) : r.addrs.covers(addr)))
  // Every port where any NACL entry or security-group rule of the model starts or ends: decisions are
  // the same between two of them, so these ports stand for every port (independent of which rules the
  // fast path thinks matter).
  const bounds = new Set<number>()
  for (const acl of model.nacls.values()) for (const e of [...acl.inbound, ...acl.outbound]) { bounds.add(e.lo); bounds.add(e.hi + 1) }
  for (const g of model.securityGroups.values()) for (const e of [...g.ingress, ...g.egress]) { bounds.add(e.lo); bounds.add(e.hi + 1) }
  for (const r of admitting) {
    const b = r.proto === ALL ? (bucket === ALL ? TCP : bucket) : r.proto
    const lo = range ? Math.max(range[0], r.lo) : r.lo
    const hi = range ? Math.min(range[1], r.hi) : r.hi
    for (const port of [lo, ...[...bounds].filter((p) => p > lo && p <= hi).sort((x, y) => x - y)]) {
      const answer = eniPath(model, exposure.evaluator.nacl, exposure.evaluator.routes, src, target, b, port)
      if (answer.verdict !== 'blocked') return answer
      const why = unfollowedRoute(answer)
      if (why) unknown.add(why)
    }
  }
  return undefined
}

/** A path that stops at a route to something the snapshot cannot follow (transit gateway, VPN, appliance): not an answer. */
function unfollowedRoute(a: ReachAnswer): string | undefined {
  const last = a.trace[a.trace.length - 1]
  const ref = last?.ruleRef
  if (last?.check !== 'route' || ref?.kind !== 'route' || !/^(tgw-|vgw-|eni-|i-|cagw-|lgw-)/.test(ref.target)) return undefined
  return `route table ${ref.routeTableId} sends ${ref.destination} to ${ref.target}, which vpclens does not follow: paths through it are not checked`
}
