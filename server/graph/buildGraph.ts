import type { Graph, GraphEdge, GraphNode, Resource, RouteTable } from '../../shared/index.ts'
import { resourceLabel } from './resourceLabel.ts'
import { nodeDetails } from './nodeDetails.ts'
import { appendAll } from '../../shared/appendAll.ts'

const TIER_ORDER: Record<string, string> = { public: '0', private: '1', isolated: '2' }

/**
 * Snapshot resources → the diagram's nodes and edges. VPC > availability zone > subnet > resource
 * nesting goes through `parent`; gateways, load balancers and endpoints hang on the VPC itself since
 * they are not in one subnet. Pure; every node gets an `order` so the web's layout is deterministic.
 */
export function buildGraph(resources: readonly Resource[]): Graph {
  const byId = new Map(resources.map((r) => [r.id, r]))
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const nodeIds = new Set<string>()
  const addNode = (n: GraphNode) => { nodes.push(n); nodeIds.add(n.id) }
  const of = (kind: Resource['kind']) => resources.filter((r) => r.kind === kind)
  const attr = (r: Resource, key: string) => r.attributes[key]
  const node = (r: Resource, parent: string | undefined, order: string): GraphNode => ({
    id: r.id, kind: r.kind, label: resourceLabel(r), resourceId: r.id, order,
    ...(parent ? { parent } : {}), ...(r.vpcId ? { vpcId: r.vpcId } : {}), details: nodeDetails(r, (id) => byId.get(id)),
  })

  for (const vpc of of('vpc')) addNode(node(vpc, undefined, `${vpc.name ?? '~'}|${vpc.id}`))

  const azNodeId = (vpcId: string, az: string) => `az:${vpcId}:${az}`
  for (const s of of('subnet')) {
    const az = String(attr(s, 'availabilityZone'))
    const vpcId = s.vpcId ?? ''
    if (!nodeIds.has(vpcId)) continue
    const azId = azNodeId(vpcId, az)
    if (!nodeIds.has(azId)) {
      addNode({ id: azId, kind: 'availability-zone', label: az, parent: vpcId, vpcId, order: az, details: {} })
    }
    addNode(node(s, azId, `${TIER_ORDER[String(attr(s, 'tier'))] ?? '9'}|${ipSortKey(String(attr(s, 'cidr4') ?? ''))}|${s.id}`))
  }

  const inVpc = (r: Resource) => (r.vpcId && nodeIds.has(r.vpcId) ? r.vpcId : undefined)
  const inSubnet = (r: Resource, key = 'subnetId') => {
    const id = attr(r, key)
    return typeof id === 'string' && nodeIds.has(id) ? id : undefined
  }

  for (const g of [...of('internet-gateway'), ...of('egress-only-internet-gateway')]) {
    const vpcId = inVpc(g)
    if (vpcId) addNode(node(g, vpcId, `0|${g.kind}|${g.id}`))
  }
  for (const lb of of('load-balancer')) {
    const vpcId = inVpc(lb)
    if (vpcId) addNode(node(lb, vpcId, `1|${lb.name ?? ''}|${lb.id}`))
  }
  for (const e of of('vpc-endpoint')) {
    const vpcId = inVpc(e)
    if (vpcId) addNode(node(e, vpcId, `2|${String(attr(e, 'serviceName') ?? '')}|${e.id}`))
  }
  for (const n of of('nat-gateway')) {
    const subnetId = inSubnet(n)
    if (subnetId) addNode(node(n, subnetId, `0|${n.id}`))
  }
  for (const i of of('instance')) {
    const subnetId = inSubnet(i)
    if (subnetId) addNode(node(i, subnetId, `1|${i.name ?? ''}|${i.id}`))
  }
  for (const eni of of('network-interface')) {
    const subnetId = inSubnet(eni)
    if (!subnetId) continue
    addNode(node(eni, subnetId, `2|${String(attr(eni, 'owner') ?? '~')}|${eni.id}`))
    const owner = attr(eni, 'owner')
    if (typeof owner === 'string' && nodeIds.has(owner)) {
      edges.push({ id: `interface-of:${eni.id}`, kind: 'interface-of', source: eni.id, target: owner })
    }
  }

  for (const p of of('vpc-peering-connection')) {
    const a = String(attr(p, 'requesterVpcId') ?? ''), b = String(attr(p, 'accepterVpcId') ?? '')
    if (attr(p, 'status') === 'active' && nodeIds.has(a) && nodeIds.has(b)) {
      edges.push({ id: p.id, kind: 'peering', source: a, target: b, label: p.name ?? p.id })
    }
  }

  appendAll(edges, loadBalancerTargetEdges(resources, nodeIds))
  appendAll(edges, defaultRouteEdges(resources, byId, nodeIds))
  return { nodes, edges }
}

/** Load balancer → the instances and ENIs its listeners (and their rules) forward to. */
function loadBalancerTargetEdges(resources: readonly Resource[], nodeIds: Set<string>): GraphEdge[] {
  const eniByIp = new Map<string, string>()
  for (const r of resources) {
    if (r.kind !== 'network-interface') continue
    for (const ip of (r.attributes.privateIps as string[] | undefined) ?? []) eniByIp.set(ip, r.id)
  }
  const out = new Map<string, GraphEdge>()
  for (const tg of resources) {
    if (tg.kind !== 'target-group') continue
    const targets = (tg.attributes.targets as { Target: { Id: string; Port?: number } }[] | undefined) ?? []
    for (const lbArn of (tg.attributes.loadBalancerArns as string[] | undefined) ?? []) {
      if (!nodeIds.has(lbArn)) continue
      for (const t of targets) {
        const targetId = nodeIds.has(t.Target.Id) ? t.Target.Id : eniByIp.get(t.Target.Id)
        if (!targetId || !nodeIds.has(targetId)) continue
        const id = `lb-target:${lbArn}|${targetId}`
        const port = String(t.Target.Port ?? tg.attributes.port ?? '')
        const existing = out.get(id)
        if (existing) {
          const ports = new Set([...(existing.label ?? '').split(','), port])
          existing.label = [...ports].filter(Boolean).sort().join(',')
        } else {
          out.set(id, { id, kind: 'lb-target', source: lbArn, target: targetId, label: port })
        }
      }
    }
  }
  return [...out.values()]
}

/** Subnet → the internet or NAT gateway its default routes (0.0.0.0/0, ::/0) go to. */
function defaultRouteEdges(resources: readonly Resource[], byId: Map<string, Resource>, nodeIds: Set<string>): GraphEdge[] {
  const out: GraphEdge[] = []
  for (const s of resources) {
    if (s.kind !== 'subnet' || !nodeIds.has(s.id)) continue
    const rt = byId.get(String(s.attributes.routeTableId ?? ''))
    if (!rt) continue
    const targets = new Set<string>()
    for (const route of (rt.raw as RouteTable).Routes ?? []) {
      if (route.State === 'blackhole') continue
      if (route.DestinationCidrBlock !== '0.0.0.0/0' && route.DestinationIpv6CidrBlock !== '::/0') continue
      const target = route.NatGatewayId ?? route.EgressOnlyInternetGatewayId ?? route.GatewayId
      if (target && nodeIds.has(target)) targets.add(target)
    }
    for (const t of [...targets].sort()) out.push({ id: `route:${s.id}|${t}`, kind: 'route', source: s.id, target: t })
  }
  return out
}

/** Zero-padded IPv4 so that 10.0.10.0 sorts after 10.0.2.0. */
function ipSortKey(cidr: string): string {
  const [ip, len] = cidr.split('/')
  const parts = (ip ?? '').split('.')
  if (parts.length !== 4) return cidr
  return parts.map((p) => p.padStart(3, '0')).join('.') + '/' + (len ?? '').padStart(3, '0')
}
