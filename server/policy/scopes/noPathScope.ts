import type { PolicyScope, ReachAnswer, Severity } from '../../../shared/index.ts'
import { AddressSet } from '../../analysis/AddressSet.ts'
import { eniPath } from '../../analysis/eniPath.ts'
import type { EniC, Model, SgRuleC } from '../../analysis/Model.ts'
import { ALL, protocolName, protocolNumber, TCP } from '../../analysis/protocols.ts'
import type { RouteEvaluator } from '../../analysis/RouteEvaluator.ts'
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
 *
 * The work is shared so that it grows with classes, not with pairs: the request's route is looked up
 * once per target subnet and source subnet (once per target class where a route narrower than the
 * subnet splits it; most target classes of two unpeered VPCs stop there), and
 * sources are partitioned once per list of candidate ingress rules, which every target class with
 * the same security groups shares.
 */
export function noPathScope(scope: NoPath, severity: Severity, ctx: PolicyContext): ScopeOutcome {
  const { model, exposure } = ctx.analysis
  const out: ScopeOutcome = { violations: [], unknown: [], truncated: false }
  const fromSel = selectEnis(scope.from, ctx)
  const toSel = selectEnis(scope.to, ctx)
  const bucket = protocolNumber(scope.protocol ?? 'tcp') ?? TCP
  const range = scope.port === undefined ? undefined : portRange(scope.port)
  const addresses = new Map<EniC, AddressSet>()
  const addressOf = (e: EniC) => addresses.get(e) ?? addresses.set(e, AddressSet.fromCidr(e.privateIps[0])).get(e)!
  const sources: Source[] = []
  for (const e of model.enis.values()) {
    if (e.kind !== 'nat-gateway' && e.privateIps.length > 0 && fromSel(e)) sources.push({ eni: e, classKey: ctx.classOf(e) })
  }
  // The first source of each subnet stands for it when asking whether a request leaves the subnet.
  const sourceSubnets = new Map<string, EniC>()
  for (const { eni } of sources) if (!sourceSubnets.has(eni.subnetId ?? '')) sourceSubnets.set(eni.subnetId ?? '', eni)
  const targetClasses = new Map<string, EniC[]>()
  for (const e of model.enis.values()) {
    if (e.privateIps.length === 0 || !toSel(e)) continue
    const k = ctx.classOf(e)
    const list = targetClasses.get(k)
    if (list) list.push(e)
    else targetClasses.set(k, [e])
  }
  // Which source subnets route a request to a target: the same for every target of a subnet unless
  // a route more specific than the subnet splits it, so asked once per subnet when none does.
  const routedByTargetSubnet = new Map<string, Set<string> | null>()
  const routedFor = (target: EniC): Set<string> => {
    const dst = addressOf(target)
    const subnet = target.subnetId ? model.subnets.get(target.subnetId) : undefined
    const block = subnet?.cidrs.onlyV4()
    if (!subnet || !block || !block.covers(dst)) return routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst)
    const key = `${subnet.id}|${target.vpcId}`
    let routed = routedByTargetSubnet.get(key)
    if (routed === undefined) {
      const split = [...sourceSubnets.values()].some((s) => splitsBlock(model, exposure.evaluator.routes, s, block))
      routedByTargetSubnet.set(key, routed = split ? null : routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst))
    }
    return routed ?? routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst)
  }
  const unknown = new Set<string>()
  // The candidate ingress rules follow from the target's groups in their order: target classes with
  // the same groups share them and the partition of the sources by them.
  const byGroups = new Map<string, { rules: SgRuleC[]; partitions?: Partition[] }>()
  for (const members of targetClasses.values()) {
    const groupsKey = members[0].groupIds.join(',')
    let shared = byGroups.get(groupsKey)
    if (!shared) {
      const rules = members[0].groupIds.flatMap((g) => model.securityGroups.get(g)?.ingress ?? [])
        .filter((r) => (bucket === ALL || r.proto === ALL || r.proto === bucket) && (!range || (r.lo <= range[1] && r.hi >= range[0])))
      byGroups.set(groupsKey, shared = { rules })
    }
    if (shared.rules.length === 0) continue
    const routed = routedFor(members[0])
    if (routed.size === 0) continue
    shared.partitions ??= partitionSources(sources, shared.rules, addressOf)
    for (const partition of shared.partitions) {
      if (!routed.has(partition.src.subnetId ?? '')) continue
      const pair = pairOf(partition, members)
      if (!pair) continue
      const { src, target } = pair
      const { rules: admitting, count } = partition
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

/** A selected source interface and its class (subnet and security groups). */
interface Source { eni: EniC; classKey: string }

/**
 * Sources of one subnet and groups that the same target ingress rules admit: the first stands for all
 * `count`; `other` is the second, the stand-in when the first is the only target of its class.
 */
interface Partition { src: EniC; other?: EniC; rules: SgRuleC[]; count: number }

/**
 * The pair to trace for a partition of sources and a class of targets: its representative and a
 * target other than itself; when the representative is the class's only member, another source of
 * the partition (same subnet, groups and admitting rules) towards it. No pair only when both are the
 * same single interface: an interface is no path to itself.
 */
function pairOf(p: Partition, members: EniC[]): { src: EniC; target: EniC } | undefined {
  const target = members.find((m) => m.id !== p.src.id)
  if (target) return { src: p.src, target }
  return p.other ? { src: p.other, target: members[0] } : undefined
}

/**
 * The subnets (of `sourceSubnets`) whose route table sends a request for the target's address `dst` where
 * the target is: within the VPC, over a peering, or to a next hop vpclens reports as unfollowed.
 */
function routedSubnets(model: Model, routes: RouteEvaluator, sourceSubnets: Map<string, EniC>, target: EniC, dst: AddressSet): Set<string> {
  const routed = new Set<string>()
  for (const [key, s] of sourceSubnets) {
    const subnet = s.subnetId ? model.subnets.get(s.subnetId) : undefined
    const route = subnet && routes.routeFor(subnet, dst)
    const ok = !!route && route.state === 'active' && (route.targetKind === 'local' ? s.vpcId === target.vpcId : route.targetKind === 'pcx' || /^(tgw-|vgw-|eni-|i-|cagw-|lgw-)/.test(route.target))
    if (ok) routed.add(key)
  }
  return routed
}

/** Whether more than one route of the source's subnet table wins for addresses of `block` (or none covers it all). */
function splitsBlock(model: Model, routes: RouteEvaluator, source: EniC, block: AddressSet): boolean {
  const subnet = source.subnetId ? model.subnets.get(source.subnetId) : undefined
  if (!subnet) return false // no subnet: no route for any address
  const winners = routes.returnPieces(subnet).filter((p) => !p.set.intersect(block).isEmpty())
  return winners.length !== 1 || !winners[0].set.covers(block)
}

/** The sources some of `rules` admit, partitioned by class and admitting rules, in order of first appearance. */
function partitionSources(sources: Source[], rules: SgRuleC[], addressOf: (e: EniC) => AddressSet): Partition[] {
  const partitions = new Map<string, Partition>()
  for (const { eni: s, classKey } of sources) {
    const admitting = rules.filter((r) => (r.peerKind === 'security-group' ? !r.stale && s.groupIds.includes(r.refGroupId!) : r.addrs.covers(addressOf(s))))
    if (admitting.length === 0) continue
    const k = `${classKey}|${admitting.map((r) => r.id).join(',')}`
    const p = partitions.get(k)
    if (p) { p.count++; p.other ??= s } else partitions.set(k, { src: s, rules: admitting, count: 1 })
  }
  return [...partitions.values()]
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
