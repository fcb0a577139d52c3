import type { Resource } from '../../shared/index.ts'

/** A few facts per node that the diagram and its tooltips show without fetching the resource. */
export function nodeDetails(r: Resource): Record<string, string> {
  const a = r.attributes
  const s = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))
  const pick = (entries: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, s(v)]).filter(([, v]) => v !== ''))
  switch (r.kind) {
    case 'vpc': return pick({ cidr: a.cidrs4, ipv6: a.cidrs6 })
    case 'subnet': return pick({ cidr: a.cidr4, ipv6: a.cidrs6, tier: a.tier, az: a.availabilityZone })
    case 'network-interface': return pick({ eniKind: a.eniKind, privateIps: a.privateIps, publicIps: a.publicIps, ipv6: a.ipv6, owner: a.owner })
    case 'instance': return pick({ state: a.state, type: a.instanceType, privateIp: a.privateIp, publicIp: a.publicIp })
    case 'nat-gateway': return pick({ state: a.state, publicIps: a.publicIps, connectivity: a.connectivityType })
    case 'load-balancer': return pick({ type: a.type, scheme: a.scheme, dns: a.dnsName })
    case 'vpc-endpoint': return pick({ type: a.type, service: a.serviceName })
    case 'internet-gateway':
    case 'egress-only-internet-gateway': return pick({ state: a.state })
    default: return {}
  }
}
