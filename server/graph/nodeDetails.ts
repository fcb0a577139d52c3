import type { Resource, SecurityGroupRule } from '../../shared/index.ts'

/** Resolves another resource of the same snapshot (a network interface's security groups). */
export type ResourceLookup = (id: string) => Resource | undefined

/** A few facts per node that the diagram and its tooltips show without fetching the resource. */
export function nodeDetails(r: Resource, lookup?: ResourceLookup): Record<string, string> {
  const a = r.attributes
  const s = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))
  const pick = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, s(v)]).filter(([, v]) => v !== ''))
  // Search (tag:, port:) runs in the browser on the graph alone: tags other than Name (already the
  // label) and what the security groups admit travel with the node.
  const groupIds = (a.groupIds ?? a.securityGroupIds) as string[] | undefined
  const search = {
    groups: groupIds,
    ingress: groupIds && lookup ? ingressSummary(groupIds, lookup) : undefined,
    tags: tagsJson(r.tags),
  }
  switch (r.kind) {
    case 'vpc': return pick({ cidr: a.cidrs4, ipv6: a.cidrs6, tags: search.tags })
    case 'subnet': return pick({ cidr: a.cidr4, ipv6: a.cidrs6, tier: a.tier, az: a.availabilityZone, tags: search.tags })
    case 'network-interface': return pick({ eniKind: a.eniKind, privateIps: a.privateIps, publicIps: a.publicIps, ipv6: a.ipv6, owner: a.owner, ...search })
    case 'instance': return pick({ state: a.state, type: a.instanceType, privateIp: a.privateIp, publicIp: a.publicIp, ...search })
    case 'nat-gateway': return pick({ state: a.state, publicIps: a.publicIps, connectivity: a.connectivityType, tags: search.tags })
    case 'load-balancer': return pick({ type: a.type, scheme: a.scheme, dns: a.dnsName, ...search })
    case 'vpc-endpoint': return pick({ type: a.type, service: a.serviceName, ...search })
    case 'internet-gateway':
    case 'egress-only-internet-gateway': return pick({ state: a.state, tags: search.tags })
    default: return {}
  }
}

/** Tags except Name, as a JSON object (values are untrusted text; JSON keeps `=` and `,` unambiguous). */
function tagsJson(tags: Record<string, string>): string | undefined {
  const rest = Object.entries(tags).filter(([k]) => k !== 'Name')
  return rest.length === 0 ? undefined : JSON.stringify(Object.fromEntries(rest.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))))
}

/**
 * What the groups admit, whatever the source: `tcp/22,tcp/8000-8100,udp/53,icmp,all` (sorted,
 * deduplicated). `port:22` in the web matches a node when one entry covers tcp or udp 22, or is `all`.
 */
export function ingressSummary(groupIds: readonly string[], lookup: ResourceLookup): string | undefined {
  const entries = new Set<string>()
  for (const id of groupIds) {
    const rules = (lookup(id)?.attributes.rules ?? []) as SecurityGroupRule[]
    for (const rule of rules) {
      if (rule.IsEgress) continue
      const proto = PROTOCOLS[String(rule.IpProtocol)] ?? String(rule.IpProtocol)
      if (proto === 'all') entries.add('all')
      else if (proto === 'tcp' || proto === 'udp') {
        const from = rule.FromPort ?? -1, to = rule.ToPort ?? -1
        entries.add(from < 0 || (from === 0 && to === 65535) ? `${proto}/0-65535` : from === to ? `${proto}/${from}` : `${proto}/${from}-${to}`)
      } else entries.add(proto)
    }
  }
  return entries.size === 0 ? undefined : [...entries].sort().join(',')
}

const PROTOCOLS: Record<string, string> = { '-1': 'all', tcp: 'tcp', '6': 'tcp', udp: 'udp', '17': 'udp', icmp: 'icmp', '1': 'icmp', icmpv6: 'icmpv6', '58': 'icmpv6' }
