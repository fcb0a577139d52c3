import type { CollectionWarning, Exposure, ExposureFact, Resource, Snapshot, UnknownVerdict } from '../../shared/index.ts'
import { canonicalIp, compileModel } from '../analysis/compileModel.ts'
import { byEniThenPorts, directPart, loadBalancerPart } from '../analysis/exposureParts.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'
import type { ChangedResource } from './diffFromFacts.ts'
import type { VersionFacts } from './versionFacts.ts'

type ExposurePart = Pick<VersionFacts, 'facts' | 'unknown' | 'unknownEnis' | 'unknownPlaces'>

/** Kinds every interface's path may read (small in number): always compiled whole. */
const INFRASTRUCTURE = new Set(['vpc', 'subnet', 'route-table', 'network-acl', 'internet-gateway', 'egress-only-internet-gateway', 'vpc-peering-connection', 'prefix-list'])
/** A change to one of these can move any interface's path: the whole version is analysed again. */
const GLOBAL = new Set(['vpc', 'internet-gateway', 'egress-only-internet-gateway', 'vpc-peering-connection', 'prefix-list', 'transit-gateway-attachment'])
const LOAD_BALANCING = new Set(['load-balancer', 'listener', 'listener-rule', 'target-group'])

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])
const isGatewayRouteTable = (r: Resource | undefined) => !!r && r.kind === 'route-table' && ids(r.attributes.gatewayIds).length > 0

/**
 * The exposure part of a version's facts from its parent's, recomputing only what the change can
 * move: the direct exposure of interfaces that changed or whose security groups, subnet, subnet NACL
 * or route table changed (and of load balancer nodes that stopped being nodes), and everything behind
 * load balancers (always recomputed: few resources). The rest is the parent's. Returns undefined when
 * the change is too wide to reason about this way (warnings, VPCs, gateways, peerings, prefix lists or
 * gateway route tables changed, or interfaces appeared in a new account × region): then analyse the
 * whole version. Gives exactly what full exposure analysis gives (test/unit/diff/incrementalExposure.test.ts). Pure.
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

  // Load balancer nodes are the load balancer part's (the direct subset holds no load balancers to tell).
  const nodes = new Set<string>()
  for (const r of snapshot.resources) if (r.kind === 'load-balancer') for (const id of ids(r.attributes.networkInterfaceIds)) nodes.add(id)
  for (const id of nodes) affected.delete(id)
  const direct = directPart(compileModel(subset(snapshot, directClosure(affected, byId))), affected)
  const lb = loadBalancerPart(compileModel(subset(snapshot, loadBalancerClosure(snapshot, byId, enis))))

  // The parent's direct facts and verdicts of interfaces nothing moved (not nodes: their exposure is the LB part's).
  const kept = (id: string) => byId.get(id)?.kind === 'network-interface' && !affected.has(id) && !nodes.has(id)
  const carriedFacts = new Map<string, ExposureFact[]>()
  for (const f of parent.facts) {
    if (f.seenPort !== undefined || !kept(f.resourceId)) continue
    const list = carriedFacts.get(f.resourceId)
    if (list) list.push(f)
    else carriedFacts.set(f.resourceId, [f])
  }
  const carriedUnknown = new Map<string, UnknownVerdict>()
  for (const u of parent.unknown) {
    const id = u.resourceIds[0]
    if (id !== undefined && u.id === `EXPOSURE:${id}` && kept(id)) carriedUnknown.set(id, u)
  }

  // analyzeExposure's order: direct exposures by interface in snapshot order, then the load balancers'; one stable sort.
  type Entry = { eni: string; via: string; protocol: string; ports: [number, number]; fact: ExposureFact }
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
    for (const f of carriedFacts.get(eni.id) ?? []) entries.push({ eni: f.resourceId, via: 'direct', protocol: f.protocol, ports: [f.ports.from, f.ports.to], fact: f })
    for (const e of newDirect.get(eni.id) ?? []) entries.push(entry(e))
    const u = carriedUnknown.get(eni.id) ?? newUnknown.get(eni.id)
    if (u) { unknown.push(u); unknownEnis.add(eni.id) }
  }
  for (const e of lb.exposures) entries.push(entry(e))
  unknown.push(...lb.unknown)
  for (const id of lb.unknownEnis) unknownEnis.add(id)
  entries.sort(byEniThenPorts)
  unknown.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    facts: entries.map((e) => e.fact), unknown, unknownEnis: [...unknownEnis].sort(),
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
function loadBalancerClosure(snapshot: Snapshot, byId: ReadonlyMap<string, Resource>, enis: readonly Resource[]): Set<string> {
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
      const target = byId.get(id)
      if (target?.kind === 'instance') {
        out.add(id)
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
  return out
}

/** The snapshot cut down to the infrastructure and `ids`, in the same order, for a smaller compiled model. */
function subset(snapshot: Snapshot, wanted: ReadonlySet<string>): Snapshot {
  return { ...snapshot, resources: snapshot.resources.filter((r) => INFRASTRUCTURE.has(r.kind) || wanted.has(r.id)) }
}
