import type { CollectionWarning, Exposure, ExposureFact, Resource, Snapshot, UnknownVerdict } from '../../shared/index.ts'
import { canonicalIp, compileModel } from '../analysis/compileModel.ts'
import { byEniThenPorts, directPart, loadBalancerPart } from '../analysis/exposureParts.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'
import type { ChangedResource } from './diffFromFacts.ts'
import type { ExposurePart, VersionFacts } from './versionFacts.ts'

/** Kinds every interface's path may read (small in number): always compiled whole. */
const INFRASTRUCTURE = new Set(['vpc', 'subnet', 'route-table', 'network-acl', 'internet-gateway', 'egress-only-internet-gateway', 'vpc-peering-connection', 'prefix-list'])
/** A change to one of these can move any interface's path: the whole version is analysed again. */
const GLOBAL = new Set(['vpc', 'internet-gateway', 'egress-only-internet-gateway', 'vpc-peering-connection', 'prefix-list', 'transit-gateway-attachment'])
const LOAD_BALANCING = new Set(['load-balancer', 'listener', 'listener-rule', 'target-group'])
/** A change to one of these may move a load balancer path (its nodes' or targets' subnets): the load balancer part is recomputed. */
const LB_PATH = new Set([...LOAD_BALANCING, 'subnet', 'route-table', 'network-acl'])

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const isGatewayRouteTable = (r: Resource | undefined) => !!r && r.kind === 'route-table' && ids(r.attributes.gatewayIds).length > 0

/**
 * The exposure part of a version's facts from its parent's, recomputing only what the change can
 * move: the direct exposure of interfaces that changed or whose security groups, subnet, subnet NACL
 * or route table changed (and of load balancer nodes that stopped being nodes), each on a model of
 * just those interfaces, their groups and the (small) infrastructure; and the load balancer part
 * (nodes and targets) on a model of the load balancer paths when anything on them changed. The rest
 * is the parent's. Returns undefined when the change is too wide to reason about this way (warnings,
 * VPCs, gateways, peerings, prefix lists or gateway route tables changed, interfaces appeared in a new
 * account × region, or most interfaces moved): then analyse the whole version. Gives exactly what full exposure analysis
 * gives (test/unit/diff/incrementalExposure.test.ts). Pure.
 */
export function incrementalExposure(
  snapshot: Snapshot, parent: VersionFacts, parentWarnings: readonly CollectionWarning[], changed: readonly ChangedResource[],
): ExposurePart | undefined {
  if (JSON.stringify(parentWarnings) !== JSON.stringify(snapshot.warnings)) return undefined
  const changedIds = new Set<string>()
  const nodesBefore: string[] = []
  for (const c of changed) {
    const r = (c.after ?? c.before)!
    if (GLOBAL.has(r.kind) || isGatewayRouteTable(c.before) || isGatewayRouteTable(c.after)) return undefined
    changedIds.add(c.id)
    if (r.kind === 'load-balancer') for (const x of [c.before, c.after]) nodesBefore.push(...ids(x?.attributes.networkInterfaceIds))
  }

  const byId = new Map<string, Resource>()
  const places = new Set<string>()
  const enis: Resource[] = []
  for (const r of snapshot.resources) {
    byId.set(r.id, r)
    if (r.kind === 'network-interface') { enis.push(r); places.add(`${r.account}/${r.region}`) }
  }
  if ([...places].sort().join('\n') !== parent.eniPlaces.join('\n')) return undefined

  // Interfaces whose direct path may have moved.
  const affected = new Set<string>(nodesBefore)
  for (const eni of enis) {
    const subnetId = eni.attributes.subnetId as string | null | undefined
    const subnet = subnetId ? byId.get(subnetId) : undefined
    if (changedIds.has(eni.id) || ids(eni.attributes.groupIds).some((g) => changedIds.has(g))
      || (subnetId && changedIds.has(subnetId))
      || (subnet && [subnet.attributes.naclId, subnet.attributes.routeTableId].some((h) => typeof h === 'string' && changedIds.has(h)))) affected.add(eni.id)
  }

  // When most interfaces moved (a NACL or route table most subnets share), the whole version is cheaper.
  if (affected.size * 2 > enis.length) return undefined

  // Load balancer nodes are the load balancer part's (the direct subset holds no load balancers to tell).
  const nodes = new Set<string>()
  for (const r of snapshot.resources) if (r.kind === 'load-balancer') for (const id of ids(r.attributes.networkInterfaceIds)) nodes.add(id)
  for (const id of nodes) affected.delete(id)
  const direct = directPart(compileModel(subset(snapshot, directClosure(affected, byId))), affected)
  // The load balancer part: the parent's when nothing on any load balancer path changed, else recomputed.
  const closure = loadBalancerClosure(snapshot, byId, enis)
  const lbMoved = changed.some((c) => LB_PATH.has((c.after ?? c.before)!.kind) || closure.ids.has(c.id)
    || [c.before, c.after].some((r) => r?.kind === 'network-interface' && [...ids(r.attributes.privateIps), ...ids(r.attributes.ipv6)].some((ip) => closure.ips.has(canonicalIp(ip)))))
  const lb = lbMoved ? loadBalancerPart(compileModel(subset(snapshot, closure.ids))) : undefined

  // The parent's facts and verdicts of what nothing moved: direct ones of interfaces not affected (and
  // not nodes), and, when the load balancer part is kept, those of nodes and targets.
  const keptDirect = (id: string) => byId.get(id)?.kind === 'network-interface' && !affected.has(id) && !nodes.has(id)
  type Entry = { eni: string; via: string; protocol: string; ports: [number, number]; fact: ExposureFact }
  const carriedDirect = new Map<string, Entry[]>()
  const carriedLb: Entry[] = []
  parent.facts.forEach((f, i) => {
    const e: Entry = { eni: f.resourceId, via: parent.vias[i]!, protocol: f.protocol, ports: [f.ports.from, f.ports.to], fact: f }
    const viaLb = f.seenPort !== undefined || nodes.has(f.resourceId)
    if (viaLb) { if (!lb && byId.has(f.resourceId)) carriedLb.push(e); return }
    if (!keptDirect(f.resourceId)) return
    const list = carriedDirect.get(f.resourceId)
    if (list) list.push(e)
    else carriedDirect.set(f.resourceId, [e])
  })
  const carriedUnknown = new Map<string, UnknownVerdict>()
  const carriedLbUnknown: UnknownVerdict[] = []
  for (const u of parent.unknown) {
    const id = u.resourceIds[0]
    if (id === undefined || u.id !== `EXPOSURE:${id}`) continue
    if (keptDirect(id)) carriedUnknown.set(id, u)
    else if (!lb && byId.get(id)?.kind === 'load-balancer') carriedLbUnknown.push(u)
  }

  // analyzeExposure's order: direct exposures by interface in snapshot order, then the load balancers'; one stable sort.
  const entry = (e: Exposure): Entry => ({ eni: e.eni, via: e.via, protocol: e.protocol, ports: e.ports, fact: exposureFactsFromAnalysis([e])[0]! })
  const newDirect = new Map<string, Exposure[]>()
  for (const e of direct.exposures) {
    const list = newDirect.get(e.eni)
    if (list) list.push(e)
    else newDirect.set(e.eni, [e])
  }
  const newUnknown = new Map(direct.unknown.map((u) => [u.resourceIds[0]!, u]))
  const entries: Entry[] = []
  const unknown: UnknownVerdict[] = parent.unknown.filter((u) => u.resourceIds.length === 0)
  const unknownEnis = new Set<string>()
  for (const eni of enis) {
    entries.push(...(carriedDirect.get(eni.id) ?? []))
    for (const e of newDirect.get(eni.id) ?? []) entries.push(entry(e))
    const u = carriedUnknown.get(eni.id) ?? newUnknown.get(eni.id)
    if (u) { unknown.push(u); unknownEnis.add(eni.id) }
  }
  if (lb) {
    for (const e of lb.exposures) entries.push(entry(e))
    unknown.push(...lb.unknown)
    for (const id of lb.unknownEnis) unknownEnis.add(id)
  } else {
    entries.push(...carriedLb)
    unknown.push(...carriedLbUnknown)
    for (const u of carriedLbUnknown) for (const id of ids(byId.get(u.resourceIds[0]!)!.attributes.networkInterfaceIds)) unknownEnis.add(id)
  }
  entries.sort(byEniThenPorts)
  unknown.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    facts: entries.map((e) => e.fact), vias: entries.map((e) => e.via), unknown, unknownEnis: [...unknownEnis].sort(),
    unknownPlaces: parent.unknownPlaces,
  }
}

/** The interfaces and their security groups (infrastructure comes with every subset). */
function directClosure(enis: ReadonlySet<string>, byId: ReadonlyMap<string, Resource>): Set<string> {
  const out = new Set<string>()
  for (const id of enis) {
    const r = byId.get(id)
    if (!r) continue
    out.add(id)
    for (const g of ids(r.attributes.groupIds)) out.add(g)
  }
  return out
}

/**
 * What the load balancer part reads: load balancers, listeners and their rules, target groups, the
 * nodes' interfaces, the targets (instances and their primary interfaces, the interfaces owning `ip`
 * targets' addresses) and the security groups of all of these.
 */
function loadBalancerClosure(snapshot: Snapshot, byId: ReadonlyMap<string, Resource>, enis: readonly Resource[]): { ids: Set<string>; ips: Set<string> } {
  const out = new Set<string>()
  const wantedIps = new Set<string>()
  for (const r of snapshot.resources) {
    if (!LOAD_BALANCING.has(r.kind)) continue
    out.add(r.id)
    if (r.kind === 'load-balancer') for (const x of [...ids(r.attributes.networkInterfaceIds), ...ids(r.attributes.securityGroupIds)]) out.add(x)
    if (r.kind !== 'target-group') continue
    for (const t of (r.attributes.targets ?? []) as Array<{ Target?: { Id?: string } }>) {
      const id = t.Target?.Id
      if (!id) continue
      // The target's own id too, so a change to an instance that is gone from this version still counts.
      out.add(id)
      const target = byId.get(id)
      if (target?.kind === 'instance') {
        const primary = (target.attributes.primaryNetworkInterfaceId as string | null | undefined) ?? ids(target.attributes.networkInterfaceIds)[0]
        if (primary) out.add(primary)
      } else wantedIps.add(canonicalIp(id))
    }
  }
  if (wantedIps.size > 0) {
    for (const eni of enis) {
      if ([...ids(eni.attributes.privateIps), ...ids(eni.attributes.ipv6)].some((ip) => wantedIps.has(canonicalIp(ip)))) out.add(eni.id)
    }
  }
  for (const id of [...out]) {
    const r = byId.get(id)
    if (r?.kind === 'network-interface') for (const g of ids(r.attributes.groupIds)) out.add(g)
  }
  return { ids: out, ips: wantedIps }
}

/** The snapshot cut down to the infrastructure and `ids`, in the same order, for a smaller compiled model. */
function subset(snapshot: Snapshot, wanted: ReadonlySet<string>): Snapshot {
  return { ...snapshot, resources: snapshot.resources.filter((r) => INFRASTRUCTURE.has(r.kind) || wanted.has(r.id)) }
}
