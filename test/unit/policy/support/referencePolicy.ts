/**
 * The policy evaluation as it was before it was made fast (evaluatePolicy and noPathScope of commit
 * a816df2, unchanged but for names): every acceptance tested against every item naming its resource
 * or check by a scan, and every `no-path` target class partitioning every source again. Kept as the
 * straightforward reference the optimised evaluation must equal (policyEquivalence.test.ts).
 */
import type { AcceptanceMark, AcceptanceStatus, Exposure, PolicyScope, ReachAnswer, ScopeResult, ScopeViolation, Severity, Snapshot } from '../../../../shared/index.ts'
import { AddressSet } from '../../../../server/analysis/AddressSet.ts'
import type { SnapshotAnalysis } from '../../../../server/analysis/analyzeSnapshot.ts'
import { eniPath } from '../../../../server/analysis/eniPath.ts'
import type { EniC, SgRuleC } from '../../../../server/analysis/Model.ts'
import { ALL, protocolName, protocolNumber, TCP } from '../../../../server/analysis/protocols.ts'
import { acceptanceMatcher, describeAcceptance, type PolicyItem } from '../../../../server/policy/acceptanceMatcher.ts'
import { SCOPE_VIOLATION, type PolicyEvaluation } from '../../../../server/policy/evaluatePolicy.ts'
import type { Policy } from '../../../../server/policy/Policy.ts'
import { eniIds, exposureIds, policyContext, type PolicyContext } from '../../../../server/policy/PolicyContext.ts'
import { portRange } from '../../../../server/policy/policyTerms.ts'
import { internetScope } from '../../../../server/policy/scopes/internetScopes.ts'
import { portsLabel } from '../../../../server/policy/scopes/exposureMatches.ts'
import { MAX_VIOLATIONS, type ScopeOutcome } from '../../../../server/policy/scopes/ScopeOutcome.ts'
import { describeSelector, selectEnis } from '../../../../server/policy/selectEnis.ts'

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
  const o = s.kind === 'no-path' ? referenceNoPathScope(s, severity, ctx) : internetScope(s, severity, ctx)
  return {
    id: s.id, kind: s.kind, ...(s.description ? { description: s.description } : {}), severity, line: s.line,
    status: o.violations.length > 0 ? 'violated' : o.unknown.length > 0 ? 'unknown' : 'holds',
    violations: o.violations, unknown: o.unknown, truncated: o.truncated,
  }
}

type NoPath = Extract<PolicyScope, { kind: 'no-path' }>

/**
 * "No path from A to B on port P", answered with the reach engine's interface-to-interface path
 * (eniPath: source egress, routes, peering, the NACL pair, destination ingress, replies). Evaluating
 * every pair of a large VPC is quadratic, so interfaces are taken in classes that the engine cannot
 * tell apart: targets by subnet and security groups; sources by subnet, security groups and which of
 * the target's ingress rules admit their address. One representative pair per class pair is traced.
 * (NACL entries or routes narrower than a subnet that single out one address are the limit of that.)
 */
function referenceNoPathScope(scope: NoPath, severity: Severity, ctx: PolicyContext): ScopeOutcome {
  const { model, exposure } = ctx.analysis
  const out: ScopeOutcome = { violations: [], unknown: [], truncated: false }
  const fromSel = selectEnis(scope.from, ctx)
  const toSel = selectEnis(scope.to, ctx)
  const bucket = protocolNumber(scope.protocol ?? 'tcp') ?? TCP
  const range = scope.port === undefined ? undefined : portRange(scope.port)
  const sources: Array<{ eni: EniC; addr: AddressSet }> = []
  for (const e of model.enis.values()) {
    if (e.kind !== 'nat-gateway' && e.privateIps.length > 0 && fromSel(e)) sources.push({ eni: e, addr: AddressSet.fromCidr(e.privateIps[0]) })
  }
  const targetClasses = new Map<string, EniC[]>()
  for (const e of model.enis.values()) {
    if (e.privateIps.length === 0 || !toSel(e)) continue
    const k = `${e.subnetId}|${[...e.groupIds].sort().join(',')}`
    const list = targetClasses.get(k)
    if (list) list.push(e)
    else targetClasses.set(k, [e])
  }
  const unknown = new Set<string>()
  const { routes } = exposure.evaluator
  for (const members of targetClasses.values()) {
    // The request's route is the same for every source of a subnet: one look per subnet, before any
    // path is traced (most pairs of two unpeered VPCs stop here).
    const dst = AddressSet.fromCidr(members[0].privateIps[0])
    const routed = new Map<string, boolean>()
    const requestRouted = (s: EniC) => {
      const key = s.subnetId ?? ''
      let ok = routed.get(key)
      if (ok === undefined) {
        const subnet = s.subnetId ? model.subnets.get(s.subnetId) : undefined
        const route = subnet && routes.routeFor(subnet, dst)
        ok = !!route && route.state === 'active' && (route.targetKind === 'local' ? s.vpcId === members[0].vpcId : route.targetKind === 'pcx' || /^(tgw-|vgw-|eni-|i-|cagw-|lgw-)/.test(route.target))
        routed.set(key, ok)
      }
      return ok
    }
    const rules = members[0].groupIds.flatMap((g) => model.securityGroups.get(g)?.ingress ?? [])
      .filter((r) => (bucket === ALL || r.proto === ALL || r.proto === bucket) && (!range || (r.lo <= range[1] && r.hi >= range[0])))
    if (rules.length === 0) continue
    const partitions = new Map<string, { src: EniC; other?: EniC; rules: SgRuleC[]; count: number }>()
    for (const { eni: s, addr } of sources) {
      if (!requestRouted(s)) continue
      const admitting = rules.filter((r) => (r.peerKind === 'security-group' ? !r.stale && s.groupIds.includes(r.refGroupId!) : r.addrs.covers(addr)))
      if (admitting.length === 0) continue
      const k = `${s.subnetId}|${[...s.groupIds].sort().join(',')}|${admitting.map((r) => r.id).join(',')}`
      const p = partitions.get(k)
      if (p) { p.count++; p.other ??= s } else partitions.set(k, { src: s, rules: admitting, count: 1 })
    }
    for (const { src: first, other, rules: admitting, count } of partitions.values()) {
      // The representative as source, or, when it is the class's only target, another source of its partition.
      const alone = !members.some((m) => m.id !== first.id)
      if (alone && !other) continue
      const src = alone ? other! : first
      const target = alone ? members[0] : members.find((m) => m.id !== first.id)!
      for (const r of admitting) {
        const b = r.proto === ALL ? (bucket === ALL ? TCP : bucket) : r.proto
        const port = range ? Math.max(range[0], r.lo) : r.lo
        const answer = eniPath(model, exposure.evaluator.nacl, exposure.evaluator.routes, src, target, b, port)
        if (answer.verdict === 'blocked') {
          const why = unfollowedRoute(answer)
          if (why) unknown.add(why)
          continue
        }
        if (out.violations.length >= MAX_VIOLATIONS) { out.truncated = true; return { ...out, unknown: [...unknown] } }
        out.violations.push(noPathViolation(scope, severity, src, target, answer, count, members.length))
        break
      }
    }
  }
  return { ...out, unknown: [...unknown] }
}

/** A path that stops at a route to something the snapshot cannot follow (transit gateway, VPN, appliance): not an answer. */
function unfollowedRoute(a: ReachAnswer): string | undefined {
  const last = a.trace[a.trace.length - 1]
  const ref = last?.ruleRef
  if (last?.check !== 'route' || ref?.kind !== 'route' || !/^(tgw-|vgw-|eni-|i-|cagw-|lgw-)/.test(ref.target)) return undefined
  return `route table ${ref.routeTableId} sends ${ref.destination} to ${ref.target}, which vpclens does not follow: paths through it are not checked`
}

function noPathViolation(scope: NoPath, severity: Severity, src: EniC, dst: EniC, a: ReachAnswer, sources: number, targets: number): ScopeOutcome['violations'][number] {
  const on = portsLabel(a.protocol, a.ports)
  const also = sources > 1 || targets > 1 ? ` The same holds for ${sources} source and ${targets} destination interface(s) in the same subnets with the same security groups.` : ''
  return {
    id: `${scope.id}:${src.id}>${dst.id}:${a.protocol}:${a.ports[0]}`, scope: scope.id, severity,
    title: `${src.id} can reach ${dst.id} on ${on}${a.verdict === 'partial' ? ' (for some clients)' : ''}`,
    detail: `Scope ${scope.id}: no path from ${describeSelector(scope.from)} to ${describeSelector(scope.to)}${scope.port !== undefined ? ` on ${protocolName(protocolNumber(scope.protocol ?? 'tcp') ?? TCP)} ${scope.port}` : ''}; ${src.id} (${src.privateIps[0]}) opens ${on} to ${dst.id} (${dst.privateIps[0]}).${also}`,
    resourceIds: [...new Set([...eniIds(dst), ...eniIds(src)])],
    protocol: a.protocol, ports: a.ports, sources: a.source.cidrs, trace: a.trace,
  }
}
