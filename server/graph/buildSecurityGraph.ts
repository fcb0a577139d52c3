import type {
  Resource, SecurityGraph, SecurityGraphEdge, SecurityGraphNode, SecurityGroupInfo, SecurityGroupMember, SecurityGroupRule, SecurityRuleRow,
} from '../../shared/index.ts'
import { naclInfo } from './naclInfo.ts'
import { portLabel, portLabelOrder } from './portLabel.ts'
import { resourceLabel } from './resourceLabel.ts'
import { summarizePorts } from './summarizePorts.ts'

const WORLD = new Set(['0.0.0.0/0', '::/0'])
export const INTERNET_NODE = 'internet'
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])

/**
 * Snapshot resources → the Security view's graph. Every ingress rule of every group becomes one
 * (source, group) pair: the source is the internet (0.0.0.0/0, ::/0), a CIDR block, a prefix list, a
 * group of the snapshot (also across peering) or a group the snapshot does not hold; all rules of one
 * pair are bundled into one edge whose label sums up their ports. Pure and deterministic.
 */
export function buildSecurityGraph(resources: readonly Resource[], opts: { members?: boolean } = {}): SecurityGraph {
  const byId = new Map(resources.map((r) => [r.id, r]))
  const groups = resources.filter((r) => r.kind === 'security-group').sort((a, b) => cmp(a.id, b.id))
  const nodes = new Map<string, SecurityGraphNode>()
  const edges = new Map<string, SecurityGraphEdge & { labels: string[] }>()
  const add = (n: SecurityGraphNode) => { if (!nodes.has(n.id)) nodes.set(n.id, n) }

  for (const g of groups) {
    if (g.vpcId) {
      const vpc = byId.get(g.vpcId)
      add({ id: g.vpcId, kind: 'vpc', label: vpc ? resourceLabel(vpc) : g.vpcId, ...(vpc ? { resourceId: vpc.id } : {}), details: vpc ? { cidr: strings(vpc.attributes.cidrs4).join(', ') } : {} })
    }
  }
  const vpcByCidr = new Map<string, Resource>()
  for (const r of resources) if (r.kind === 'vpc') for (const c of [...strings(r.attributes.cidrs4), ...strings(r.attributes.cidrs6)]) vpcByCidr.set(c, r)

  const members = membersByGroup(resources, byId)
  const infos: SecurityGroupInfo[] = []
  const rulesOf = (g: Resource) => (g.attributes.rules as SecurityGroupRule[] | undefined) ?? []
  // Every group first: a rule may name a group that sorts after its own.
  for (const g of groups) {
    const rules = rulesOf(g)
    add({
      id: g.id, kind: 'security-group', label: g.name ?? g.id, resourceId: g.id, ...(g.vpcId ? { parent: g.vpcId } : {}),
      details: { ingressRules: String(rules.filter((r) => !r.IsEgress).length), egressRules: String(rules.filter((r) => r.IsEgress).length), members: String(members.get(g.id)?.length ?? 0) },
    })
  }
  for (const g of groups) {
    const rules = rulesOf(g)
    const rows = rules.map((r) => ruleRow(g, r, byId)).sort((a, b) => portLabelOrder(a.ports, b.ports) || cmp(a.peer, b.peer) || cmp(a.id, b.id))
    for (const row of rows) {
      if (row.direction !== 'ingress') continue
      const source = sourceNode(row, byId, vpcByCidr)
      add(source)
      const id = `ingress:${source.id}|${g.id}`
      const edge = edges.get(id) ?? { id, kind: 'ingress' as const, source: source.id, target: g.id, label: '', ports: [], ruleIds: [], labels: [] }
      edge.labels.push(row.ports)
      edge.ruleIds.push(row.id)
      if (row.peeringConnectionId) edge.peeringConnectionId = row.peeringConnectionId
      edges.set(id, edge)
    }
    const own = members.get(g.id) ?? []
    const naclIds = new Set<string>()
    for (const m of own) {
      const nacl = m.subnetId ? byId.get(m.subnetId)?.attributes.naclId : undefined
      if (typeof nacl === 'string') naclIds.add(nacl)
    }
    infos.push({
      id: g.id, name: g.name ?? g.id, description: String(g.attributes.description ?? ''), vpcId: g.vpcId ?? null,
      ingress: rows.filter((r) => r.direction === 'ingress'), egress: rows.filter((r) => r.direction === 'egress'),
      members: own, naclIds: [...naclIds].sort(),
    })
  }

  const out: SecurityGraphEdge[] = [...edges.values()].map(({ labels, ...e }) => {
    const ports = [...new Set(labels)].sort(portLabelOrder)
    return { ...e, label: summarizePorts(ports), ports }
  })
  if (opts.members) {
    for (const info of infos) {
      for (const m of info.members) {
        add({
          id: m.networkInterfaceId, kind: 'network-interface', label: m.label, resourceId: m.networkInterfaceId,
          ...(info.vpcId ? { parent: info.vpcId } : {}),
          details: { privateIps: m.privateIps.join(', '), ...(m.publicIps.length ? { publicIps: m.publicIps.join(', ') } : {}), ...(m.owner ? { owner: m.owner } : {}) },
        })
        out.push({ id: `member:${m.networkInterfaceId}|${info.id}`, kind: 'member-of', source: m.networkInterfaceId, target: info.id, label: '', ports: [], ruleIds: [] })
      }
    }
  }
  const nacls = resources.filter((r) => r.kind === 'network-acl').map(naclInfo).sort((a, b) => cmp(a.id, b.id))
  return { nodes: [...nodes.values()], edges: out.sort((a, b) => cmp(a.id, b.id)), groups: infos, nacls }
}

/** One rule as a table row, with its peer classified and named. */
function ruleRow(group: Resource, r: SecurityGroupRule, byId: Map<string, Resource>): SecurityRuleRow {
  const ref = r.ReferencedGroupInfo
  const base = {
    id: r.SecurityGroupRuleId,
    direction: r.IsEgress ? 'egress' as const : 'ingress' as const,
    ports: portLabel(r.IpProtocol, r.FromPort, r.ToPort),
    ...(r.Description ? { description: r.Description } : {}),
  }
  if (ref?.GroupId) {
    const peer = byId.get(ref.GroupId)
    return {
      ...base, peer: ref.GroupId, peerKind: ref.GroupId === group.id ? 'self' : 'security-group',
      ...(peer?.name ? { peerName: peer.name } : {}),
      ...(ref.VpcPeeringConnectionId ? { peeringConnectionId: ref.VpcPeeringConnectionId } : {}),
    }
  }
  if (r.PrefixListId) {
    const pl = byId.get(r.PrefixListId)
    return { ...base, peer: r.PrefixListId, peerKind: 'prefix-list', ...(pl?.name ? { peerName: pl.name } : {}) }
  }
  const cidr = r.CidrIpv4 ?? r.CidrIpv6 ?? 'unknown'
  return { ...base, peer: cidr, peerKind: WORLD.has(cidr) ? 'internet' : 'cidr' }
}

/** The node an ingress rule's peer stands for. A self reference is an edge from the group to itself. */
function sourceNode(row: SecurityRuleRow, byId: Map<string, Resource>, vpcByCidr: Map<string, Resource>): SecurityGraphNode {
  switch (row.peerKind) {
    case 'internet':
      return { id: INTERNET_NODE, kind: 'internet', label: 'Internet', details: { cidrs: '0.0.0.0/0, ::/0' } }
    case 'cidr': {
      const vpc = vpcByCidr.get(row.peer)
      return { id: `cidr:${row.peer}`, kind: 'cidr', label: row.peer, details: vpc ? { vpc: `${resourceLabel(vpc)} (${vpc.id})` } : {} }
    }
    case 'prefix-list': {
      const pl = byId.get(row.peer)
      const entries = ((pl?.attributes.entries as { Cidr: string }[] | undefined) ?? []).map((e) => e.Cidr)
      return pl
        ? { id: pl.id, kind: 'prefix-list', label: pl.name ?? pl.id, resourceId: pl.id, details: { entries: entries.join(', ') } }
        : { id: row.peer, kind: 'prefix-list', label: row.peer, details: {} }
    }
    default: {
      const g = byId.get(row.peer)
      if (g && g.kind === 'security-group') return { id: g.id, kind: 'security-group', label: g.name ?? g.id, resourceId: g.id, details: {} }
      return {
        id: row.peer, kind: 'external-group', label: row.peer,
        details: row.peeringConnectionId ? { peering: row.peeringConnectionId } : {},
      }
    }
  }
}

/** Group id → the network interfaces carrying it, with their owner and addresses. */
function membersByGroup(resources: readonly Resource[], byId: Map<string, Resource>): Map<string, SecurityGroupMember[]> {
  const out = new Map<string, SecurityGroupMember[]>()
  const enis = resources.filter((r) => r.kind === 'network-interface').sort((a, b) => cmp(a.id, b.id))
  for (const eni of enis) {
    const a = eni.attributes
    const ownerId = typeof a.owner === 'string' ? a.owner : null
    const owner = ownerId ? byId.get(ownerId) : undefined
    const member: SecurityGroupMember = {
      networkInterfaceId: eni.id,
      owner: ownerId,
      ownerKind: owner?.kind ?? null,
      label: owner ? resourceLabel(owner) : eni.tags.Name ?? eni.id,
      subnetId: typeof a.subnetId === 'string' ? a.subnetId : null,
      privateIps: strings(a.privateIps), publicIps: strings(a.publicIps), ipv6: strings(a.ipv6),
    }
    for (const g of new Set(strings(a.groupIds))) {
      const list = out.get(g)
      if (list) list.push(member)
      else out.set(g, [member])
    }
  }
  return out
}
