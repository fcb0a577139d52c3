import type { PolicyScope, ReachAnswer, Severity } from '../../../shared/index.ts'
import { AddressSet } from '../../analysis/AddressSet.ts'
import { eniPath } from '../../analysis/eniPath.ts'
import type { EniC, Model, NaclC, SgRuleC, SubnetC } from '../../analysis/Model.ts'
import { ALL, protocolName, protocolNumber, TCP } from '../../analysis/protocols.ts'
import type { RouteEvaluator } from '../../analysis/RouteEvaluator.ts'
import { eniIds, type PolicyContext } from '../PolicyContext.ts'
import { portRange } from '../policyTerms.ts'
import { describeSelector, selectEnis } from '../selectEnis.ts'
import { portsLabel } from './exposureMatches.ts'
import { MAX_VIOLATIONS, type ScopeOutcome } from './ScopeOutcome.ts'

type NoPath = Extract<PolicyScope, { kind: 'no-path' }>

/** At most this many interface pairs are traced one by one per scope; the rest are reported unknown. */
export const MAX_PAIR_TRACES = 20_000

/**
 * "No path from A to B on port P", answered with the reach engine's interface-to-interface path
 * (eniPath: source egress, routes, peering, the NACL pair, destination ingress, replies). Evaluating
 * every pair of a large VPC is quadratic, so interfaces are taken in classes that the engine cannot
 * tell apart: targets by subnet and security groups; sources by subnet, security groups and which of
 * the target's ingress rules admit their address. One representative pair per class pair is traced.
 *
 * That is only sound where nothing else singles out addresses within a subnet. A source subnet and a
 * target subnet are "split" when a network ACL of either (across subnets only) has an entry that
 * takes part of the other's IPv4 block but not all of it, a route table of either sends part of the
 * other's block elsewhere than the rest, or a security group of the sources has an egress rule that
 * takes part of the target's block. For a split pair every source of the partition is traced against
 * every target of the class (at most MAX_PAIR_TRACES pairs per scope; beyond that the scope says
 * which pairs it did not trace and reads `unknown`, never `holds`).
 *
 * The work is shared so that it grows with classes, not with pairs: the request's route is looked up
 * once per target subnet and source subnet (once per target class where a route narrower than the
 * subnet splits it; most target classes of two unpeered VPCs stop there), whether a pair of subnets
 * is split once per pair, and sources are partitioned once per list of candidate ingress rules,
 * which every target class with the same security groups shares.
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
  // `exact`: the answer holds for every target of the subnet (no source subnet's route splits it).
  const routedByTargetSubnet = new Map<string, Set<string> | null>()
  const routedFor = (target: EniC): { routed: Set<string>; exact: boolean } => {
    const dst = addressOf(target)
    const subnet = target.subnetId ? model.subnets.get(target.subnetId) : undefined
    const block = subnet?.cidrs.onlyV4()
    if (!subnet || !block || !block.covers(dst)) return { routed: routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst), exact: false }
    const key = `${subnet.id}|${target.vpcId}`
    let routed = routedByTargetSubnet.get(key)
    if (routed === undefined) {
      const split = [...sourceSubnets.values()].some((s) => splitsBlock(model, exposure.evaluator.routes, s, block))
      routedByTargetSubnet.set(key, routed = split ? null : routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst))
    }
    return routed ? { routed, exact: true } : { routed: routedSubnets(model, exposure.evaluator.routes, sourceSubnets, target, dst), exact: false }
  }
  // Whether something singles out addresses between a source and a target (see above), asked once per
  // pair of subnets and once per source groups and target subnet.
  const subnetSplits = new Map<string, Split | null>()
  const egressSplits = new Map<string, Split | null>()
  const splitOf = (src: EniC, target: EniC): Split | null => {
    const s = src.subnetId ? model.subnets.get(src.subnetId) : undefined
    const t = target.subnetId ? model.subnets.get(target.subnetId) : undefined
    if (!s || !t) return null // eniPath denies every such pair alike
    const pairKey = `${s.id}|${t.id}`
    let split = subnetSplits.get(pairKey)
    if (split === undefined) subnetSplits.set(pairKey, split = subnetPairSplit(model, exposure.evaluator.routes, s, t))
    if (split) return split
    const groupsKey = `${src.groupIds.join(',')}|${t.id}`
    let egress = egressSplits.get(groupsKey)
    if (egress === undefined) egressSplits.set(groupsKey, egress = egressSplit(model, src.groupIds, t))
    return egress
  }
  let pairsTraced = 0
  const notTraced = new Map<string, number>()
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
    const { routed, exact } = routedFor(members[0])
    if (routed.size === 0 && exact) continue
    shared.partitions ??= partitionSources(sources, shared.rules, addressOf)
    for (const partition of shared.partitions) {
      const split = splitOf(partition.src, members[0])
      // The route of the request is the same for the whole pair unless the source's table splits the target's block.
      if (!(split?.request) && !routed.has(partition.src.subnetId ?? '')) continue
      if (split) {
        const pairs = partition.members.length * members.length
        if (pairsTraced + pairs > MAX_PAIR_TRACES) { notTraced.set(split.cause, (notTraced.get(split.cause) ?? 0) + pairs); continue }
        pairsTraced += pairs
        const found = traceEveryPair(partition, members, (s, t, r) => trace(s, t, r))
        if (!found) continue
        if (out.violations.length >= MAX_VIOLATIONS) { out.truncated = true; return finish() }
        const also = found.reaching > 1 ? ` ${found.reaching} pairs of the ${partition.members.length} source and ${members.length} destination interface(s) in the same subnets with the same security groups have a path (each pair traced: ${split.cause}).` : ''
        out.violations.push(violation(scope, severity, found.src, found.target, found.answer, also))
        continue
      }
      const pair = pairOf(partition, members)
      if (!pair) continue
      const { src, target } = pair
      for (const r of partition.rules) {
        const answer = trace(src, target, r)
        if (!answer) continue
        if (out.violations.length >= MAX_VIOLATIONS) { out.truncated = true; return finish() }
        out.violations.push(violation(scope, severity, src, target, answer, alsoText(partition.count, members.length)))
        break
      }
    }
  }
  return finish()

  /**
   * The path from src to target on a port the admitting rule opens, or undefined when every such port
   * is blocked. Only the source's egress rules and the two subnets' NACL entries can treat the rule's
   * ports differently, so one port per piece their port boundaries cut the range into is enough.
   */
  function trace(src: EniC, target: EniC, r: SgRuleC): ReachAnswer | undefined {
    const b = r.proto === ALL ? (bucket === ALL ? TCP : bucket) : r.proto
    const lo = range ? Math.max(range[0], r.lo) : r.lo
    const hi = range ? Math.min(range[1], r.hi) : r.hi
    for (const port of candidatePorts(model, src, target, b, lo, hi)) {
      const answer = eniPath(model, exposure.evaluator.nacl, exposure.evaluator.routes, src, target, b, port)
      if (answer.verdict !== 'blocked') return answer
      const why = unfollowedRoute(answer)
      if (why) unknown.add(why)
    }
    return undefined
  }

  function finish(): ScopeOutcome {
    for (const [cause, n] of notTraced) unknown.add(`${cause}: ${n} pairs not traced`)
    return { ...out, unknown: [...unknown] }
  }
}

/**
 * `lo` and every port in (lo, hi] where a rule that decides the request may change its answer: the
 * source's security-group egress rules and the request-side NACL entries (the source subnet's
 * outbound, the target subnet's inbound) for the protocol. Ascending.
 */
function candidatePorts(model: Model, src: EniC, target: EniC, proto: number, lo: number, hi: number): number[] {
  const ports = new Set([lo])
  const cut = (a: number, b: number) => { if (a > lo && a <= hi) ports.add(a); if (b + 1 > lo && b + 1 <= hi) ports.add(b + 1) }
  for (const g of src.groupIds) for (const e of model.securityGroups.get(g)?.egress ?? []) if (e.proto === proto || e.proto === ALL) cut(e.lo, e.hi)
  const acl = (eni: EniC) => model.nacls.get((eni.subnetId && model.subnets.get(eni.subnetId)?.naclId) || '')
  if (src.subnetId !== target.subnetId) {
    for (const e of acl(src)?.outbound ?? []) if (e.proto === proto || e.proto === ALL) cut(e.lo, e.hi)
    for (const e of acl(target)?.inbound ?? []) if (e.proto === proto || e.proto === ALL) cut(e.lo, e.hi)
  }
  return [...ports].sort((a, b) => a - b)
}

/** What singles out addresses between a source and a target subnet; `request`: the source's route table does. */
interface Split { cause: string; request: boolean }

/** Whether an entry of the NACL takes part of `block` but not all of it. */
function naclSingles(acl: NaclC | undefined, block: AddressSet): boolean {
  if (!acl) return false
  return [acl.inbound, acl.outbound].some((entries) => entries.some((e) => !e.addrs.intersect(block).isEmpty() && !e.addrs.covers(block)))
}

/** NACL entries (across subnets only) and routes, of either subnet, that single out addresses of the other. */
function subnetPairSplit(model: Model, routes: RouteEvaluator, s: SubnetC, t: SubnetC): Split | null {
  const sBlock = s.cidrs.onlyV4()
  const tBlock = t.cidrs.onlyV4()
  if (splitsSubnetBlock(routes, s, tBlock)) return { cause: `route table ${s.routeTableId ?? 'none'} singles out addresses within ${t.id}`, request: true }
  if (splitsSubnetBlock(routes, t, sBlock)) return { cause: `route table ${t.routeTableId ?? 'none'} singles out addresses within ${s.id}`, request: false }
  if (s.id === t.id) return null // within a subnet NACLs do not apply (eniPath)
  const tAcl = t.naclId ? model.nacls.get(t.naclId) : undefined
  if (naclSingles(tAcl, sBlock)) return { cause: `network ACL ${tAcl!.id} singles out addresses within ${s.id}`, request: false }
  const sAcl = s.naclId ? model.nacls.get(s.naclId) : undefined
  if (naclSingles(sAcl, tBlock)) return { cause: `network ACL ${sAcl!.id} singles out addresses within ${t.id}`, request: false }
  return null
}

/** An egress rule (address or prefix list) of the sources' groups that takes part of the target subnet's block. */
function egressSplit(model: Model, groupIds: readonly string[], t: SubnetC): Split | null {
  const block = t.cidrs.onlyV4()
  for (const g of groupIds) {
    for (const r of model.securityGroups.get(g)?.egress ?? []) {
      if (r.peerKind !== 'security-group' && !r.addrs.intersect(block).isEmpty() && !r.addrs.covers(block)) return { cause: `security group ${g} singles out addresses within ${t.id}`, request: false }
    }
  }
  return null
}

/**
 * Every source of the partition against every target of the class (an interface is no path to
 * itself): the first pair with a path, and how many pairs have one.
 */
function traceEveryPair(p: Partition, members: EniC[], trace: (s: EniC, t: EniC, r: SgRuleC) => ReachAnswer | undefined): { src: EniC; target: EniC; answer: ReachAnswer; reaching: number } | undefined {
  let first: { src: EniC; target: EniC; answer: ReachAnswer } | undefined
  let reaching = 0
  for (const src of p.members) {
    for (const target of members) {
      if (src.id === target.id) continue
      for (const r of p.rules) {
        const answer = trace(src, target, r)
        if (!answer) continue
        first ??= { src, target, answer }
        reaching++
        break
      }
    }
  }
  return first && { ...first, reaching }
}
/** A selected source interface and its class (subnet and security groups). */
interface Source { eni: EniC; classKey: string }

/**
 * Sources of one subnet and groups that the same target ingress rules admit: the first stands for all
 * `count` (listed in `members`, traced one by one where the pair of subnets is split); `other` is the
 * second, the stand-in when the first is the only target of its class.
 */
interface Partition { src: EniC; other?: EniC; rules: SgRuleC[]; count: number; members: EniC[] }

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
  return splitsSubnetBlock(routes, subnet, block)
}

/** Whether more than one route of the subnet's table wins for addresses of `block` (pieces cover every address). */
function splitsSubnetBlock(routes: RouteEvaluator, subnet: SubnetC, block: AddressSet): boolean {
  if (block.isEmpty()) return false
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
    if (p) { p.count++; p.other ??= s; p.members.push(s) } else partitions.set(k, { src: s, rules: admitting, count: 1, members: [s] })
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

/** For a representative pair: the interfaces it stands for. */
function alsoText(sources: number, targets: number): string {
  return sources > 1 || targets > 1 ? ` The same holds for ${sources} source and ${targets} destination interface(s) in the same subnets with the same security groups.` : ''
}

function violation(scope: NoPath, severity: Severity, src: EniC, dst: EniC, a: ReachAnswer, also: string): ScopeOutcome['violations'][number] {
  const on = portsLabel(a.protocol, a.ports)
  return {
    id: `${scope.id}:${src.id}>${dst.id}:${a.protocol}:${a.ports[0]}`, scope: scope.id, severity,
    title: `${src.id} can reach ${dst.id} on ${on}${a.verdict === 'partial' ? ' (for some clients)' : ''}`,
    detail: `Scope ${scope.id}: no path from ${describeSelector(scope.from)} to ${describeSelector(scope.to)}${scope.port !== undefined ? ` on ${protocolName(protocolNumber(scope.protocol ?? 'tcp') ?? TCP)} ${scope.port}` : ''}; ${src.id} (${src.privateIps[0]}) opens ${on} to ${dst.id} (${dst.privateIps[0]}).${also}`,
    resourceIds: [...new Set([...eniIds(dst), ...eniIds(src)])],
    protocol: a.protocol, ports: a.ports, sources: a.source.cidrs, trace: a.trace,
  }
}
