import type { GraphNode } from '../../../shared/index.ts'
import { typeTag } from '../diagram/typeTag.ts'
import { type Cidr, cidrInside, parseCidr } from '../../../shared/network/index.ts'
import type { SearchTerm } from './parseSearch.ts'

/** Friendly names for `type:` beyond the kind itself and its tag (EC2, ENI, ALB…). */
const TYPE_ALIASES: Record<string, string[]> = {
  'load-balancer': ['lb', 'elb', 'elbv2', 'loadbalancer'],
  'network-interface': ['interface', 'nic'],
  instance: ['vm', 'server'],
  'nat-gateway': ['natgw', 'nat-gw'],
  'internet-gateway': ['gateway'],
  'vpc-endpoint': ['endpoint'],
  'availability-zone': ['zone'],
}

/** Every address a node stands for: its IPs (resources) or its CIDR blocks (VPCs, subnets). */
function addressesOf(node: GraphNode): Cidr[] {
  const d = node.details
  const out: Cidr[] = []
  for (const key of ['privateIps', 'publicIps', 'privateIp', 'publicIp', 'ipv6', 'cidr']) {
    const v = d[key]
    if (!v) continue
    for (const part of v.split(',')) {
      const r = parseCidr(part.trim())
      if (r) out.push(r)
    }
  }
  return out
}

function tagsOf(node: GraphNode): Record<string, string> {
  if (!node.details.tags) return {}
  try {
    const parsed: unknown = JSON.parse(node.details.tags)
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

function admits(node: GraphNode, protocol: 'tcp' | 'udp' | null, from: number, to: number): boolean {
  const ingress = node.details.ingress
  if (!ingress) return false
  for (const entry of ingress.split(',')) {
    if (entry === 'all') return true
    const m = /^(tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(entry)
    if (!m || (protocol !== null && m[1] !== protocol)) continue
    const lo = Number(m[2]), hi = Number(m[3] ?? m[2])
    if (lo <= to && hi >= from) return true
  }
  return false
}

/** One term against one node. Untrusted text is only ever compared, never interpreted. */
export function matchTerm(node: GraphNode, term: SearchTerm): boolean {
  switch (term.kind) {
    case 'text':
      return node.id.toLowerCase().includes(term.text) || node.label.toLowerCase().includes(term.text)
        || (node.resourceId?.toLowerCase().includes(term.text) ?? false)
    case 'id': return node.id.toLowerCase().includes(term.text) || (node.resourceId?.toLowerCase().includes(term.text) ?? false)
    case 'name': return node.label.toLowerCase().includes(term.text)
    case 'type': {
      const t = term.type
      return node.kind === t || typeTag(node).toLowerCase() === t || (TYPE_ALIASES[node.kind]?.includes(t) ?? false)
    }
    case 'tag': {
      if (term.key === 'name') return term.value === null ? node.label !== node.id : node.label.toLowerCase() === term.value
      for (const [k, v] of Object.entries(tagsOf(node))) {
        if (k.toLowerCase() === term.key && (term.value === null || String(v).toLowerCase() === term.value)) return true
      }
      return false
    }
    case 'ip': return addressesOf(node).some((a) => cidrInside(a, term.range))
    case 'port': return admits(node, term.protocol, term.from, term.to)
  }
}

/** All terms match (an empty list matches nothing: an empty search highlights nothing). */
export function matchNode(node: GraphNode, terms: readonly SearchTerm[]): boolean {
  return terms.length > 0 && terms.every((t) => matchTerm(node, t))
}
