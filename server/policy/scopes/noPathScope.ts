import type { PolicyScope, ReachAnswer, Severity } from '../../../shared/index.ts'
import { AddressSet } from '../../analysis/AddressSet.ts'
import { eniPath } from '../../analysis/eniPath.ts'
import type { EniC, SgRuleC } from '../../analysis/Model.ts'
import { ALL, protocolName, protocolNumber, TCP } from '../../analysis/protocols.ts'
import { eniIds, type PolicyContext } from '../PolicyContext.ts'
import { portRange } from '../policyTerms.ts'
import { describeSelector, selectEnis } from '../selectEnis.ts'
import { portsLabel } from './exposureMatches.ts'
import { MAX_VIOLATIONS, type ScopeOutcome } from './ScopeOutcome.ts'

type NoPath = Extract<PolicyScope, { kind: 'no-path' }>

/**
 * "No path from A to B on port P", answered with the reach engine's interface-to-interface path
 * (eniPath: source egress, routes, peering, the NACL pair, destination ingress, replies). Evaluating
 * every pair of a large VPC is quadratic, so interfaces are taken in classes that the engine cannot
 * tell apart: targets by subnet and security groups; sources by subnet, security groups and which of
 * the target's ingress rules admit their address. One representative pair per class pair is traced.
 * (NACL entries or routes narrower than a subnet that single out one address are the limit of that.)
 */
export function noPathScope(scope: NoPath, severity: Severity, ctx: PolicyContext): ScopeOutcome {
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
    const partitions = new Map<string, { src: EniC; rules: SgRuleC[]; count: number }>()
    for (const { eni: s, addr } of sources) {
      if (!requestRouted(s)) continue
      const admitting = rules.filter((r) => (r.peerKind === 'security-group' ? !r.stale && s.groupIds.includes(r.refGroupId!) : r.addrs.covers(addr)))
      if (admitting.length === 0) continue
      const k = `${s.subnetId}|${[...s.groupIds].sort().join(',')}|${admitting.map((r) => r.id).join(',')}`
      const p = partitions.get(k)
      if (p) p.count++
      else partitions.set(k, { src: s, rules: admitting, count: 1 })
    }
    for (const { src, rules: admitting, count } of partitions.values()) {
      const target = members.find((m) => m.id !== src.id)
      if (!target) continue
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
        out.violations.push(violation(scope, severity, src, target, answer, count, members.length))
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

function violation(scope: NoPath, severity: Severity, src: EniC, dst: EniC, a: ReachAnswer, sources: number, targets: number): ScopeOutcome['violations'][number] {
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
