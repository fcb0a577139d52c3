import type { Exposure, Finding } from '../../shared/index.ts'
import { isWorldCidr } from '../../shared/network/index.ts'
import { AddressSet } from './AddressSet.ts'
import { INTERNET } from './internetSpace.ts'
import type { Model, NaclC, NaclEntryC } from './Model.ts'
import type { NaclEvaluator } from './NaclEvaluator.ts'
import { ALL, ICMP, ICMPV6, OTHER, TCP, UDP } from './protocols.ts'
import { segments } from './segments.ts'

/**
 * A NACL whose inbound rules let everything in from the internet, judged with its outbound rules: it
 * is no defence in depth only when the replies get out too (TCP and UDP to every ephemeral port of
 * every internet address). When its outbound rules drop or limit the replies, they are the filter,
 * and the finding says so (info).
 */
function naclAllowAll(acl: NaclC, allowAll: NaclEntryC, nacl: NaclEvaluator): Finding {
  // Replies to the family the rule lets in (IPv6 replies do not matter to an IPv4 allow-all).
  const clients = allowAll.family === 4 ? INTERNET.onlyV4() : INTERNET.onlyV6()
  const replies = [TCP, UDP].flatMap((b) => nacl.returnClasses(acl, true, b)).filter((c) => !c.set.intersect(clients).isEmpty())
  const base = { id: `NACL_ALLOW_ALL:${acl.id}`, check: 'NACL_ALLOW_ALL', resourceIds: [acl.id, ...acl.subnetIds.slice(0, 20)] }
  const inbound = `${acl.id}${acl.isDefault ? ' (default)' : ''} inbound rule ${allowAll.n} allows all protocols from ${allowAll.cidr} before any deny`
  if (replies.every((c) => c.completeness === 'full')) {
    const out = replies.flatMap((c) => c.allows.map((e) => e.n)).filter((n, i, a) => a.indexOf(n) === i).sort((a, b) => a - b)
    return { ...base, severity: 'low', title: 'Network ACL allows all traffic in and out',
      detail: `${inbound}, and outbound rule${out.length > 1 ? 's' : ''} ${out.join(', ')} let${out.length > 1 ? '' : 's'} every reply out: it adds no defence in depth.` }
  }
  const none = replies.every((c) => c.completeness === 'none')
  const deny = replies.find((c) => c.deny)?.deny
  return { ...base, severity: 'info', title: 'Network ACL allows all inbound traffic; its outbound rules filter',
    detail: `${inbound}, but its outbound rules ${none ? 'drop every TCP and UDP reply to the internet, so no connection from the internet completes through it' : 'let only some TCP and UDP replies out to the internet'}${deny ? ` (outbound rule ${deny.n >= 32767 ? '*' : deny.n} denies ${deny.cidr})` : ''}: the outbound rules are the filter.` }
}

/** NACL, route, address and load balancer hygiene (§7). */
export function networkFindings(model: Model, nacl: NaclEvaluator, exposures: readonly Exposure[]): Finding[] {
  const out: Finding[] = []
  for (const acl of model.nacls.values()) {
    const allowAll = acl.inbound.find((e) => e.action === 'allow' && e.proto === ALL && isWorldCidr(e.cidr))
    if (allowAll && !acl.inbound.some((e) => e.action === 'deny' && e.n < allowAll.n)) {
      out.push(naclAllowAll(acl, allowAll, nacl))
    } else {
      for (const port of [22, 3389]) {
        const allowed = nacl.partition(acl, false, TCP, port, port).filter((p) => p.entry.action === 'allow')
        const worldAllowed = allowed.reduce((s, p) => s.union(p.set), AddressSet.EMPTY).intersect(INTERNET)
        if (worldAllowed.v4.size() * 100n >= INTERNET.v4.size() * 99n) {
          out.push({
            id: `NACL_ADMIN_FROM_WORLD:${acl.id}:${port}`, check: 'NACL_ADMIN_FROM_WORLD', severity: 'medium', title: `Network ACL allows ${port} from the internet`,
            resourceIds: [acl.id], ports: [[port, port]], detail: `${acl.id} lets tcp ${port} in from the whole internet (rule ${allowed.map((p) => p.entry.n).join(', ')}).`,
          })
        }
      }
    }
    for (const e of [...acl.inbound, ...acl.outbound]) {
      const by = shadowedBy(acl, e)
      if (by) {
        out.push({
          id: `SHADOWED_NACL_RULE:${acl.id}:${e.egress ? 'egress' : 'ingress'}:${e.n}`, check: 'SHADOWED_NACL_RULE', severity: 'info', title: 'Network ACL rule is never reached',
          resourceIds: [acl.id], detail: `${acl.id} ${e.egress ? 'outbound' : 'inbound'} rule ${e.n} (${e.action} ${e.cidr}) is fully covered by earlier rule(s) ${by.join(', ')}; it never decides anything.`,
        })
      }
    }
  }
  for (const rt of model.routeTables.values()) {
    for (const r of rt.routes) {
      if (r.state !== 'blackhole') continue
      out.push({
        id: `BLACKHOLE_ROUTE:${rt.id}:${r.destination}`, check: 'BLACKHOLE_ROUTE', severity: 'low', title: 'Route to a target that no longer exists',
        resourceIds: [rt.id], detail: `${rt.id} route ${r.destination} → ${r.target} is a blackhole: traffic it matches is dropped.`,
      })
    }
  }
  for (const eni of model.enis.values()) {
    if (eni.publicPairs.length === 0 || !eni.subnetId || eni.kind === 'nat-gateway') continue
    const subnet = model.subnets.get(eni.subnetId)
    const vpc = subnet ? model.vpcs.get(subnet.vpcId) : undefined
    const rt = subnet?.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined
    const hasIgwRoute = !!rt?.routes.some((r) => r.state === 'active' && r.targetKind === 'igw' && r.target === vpc?.igwId && r.family === 4)
    if (!hasIgwRoute) {
      out.push({
        id: `PUBLIC_IP_WITHOUT_INTERNET_ROUTE:${eni.id}`, check: 'PUBLIC_IP_WITHOUT_INTERNET_ROUTE', severity: 'low', title: 'Public IP in a subnet without an internet route',
        resourceIds: [eni.id, ...(subnet ? [subnet.id] : [])], detail: `${eni.id} has public IP ${eni.publicPairs.map((p) => p.public).join(', ')} but subnet ${eni.subnetId} has no active route to an internet gateway: the address is unusable (or the routing is not what was intended).`,
      })
    }
  }
  for (const eip of model.elasticIps) {
    if (eip.associated) continue
    out.push({ id: `UNATTACHED_ELASTIC_IP:${eip.id}`, check: 'UNATTACHED_ELASTIC_IP', severity: 'info', title: 'Elastic IP not associated', resourceIds: [eip.id], detail: `${eip.publicIp ?? eip.id} is allocated but not associated (it still costs money).` })
  }
  for (const lb of model.loadBalancers.values()) {
    if (lb.scheme !== 'internet-facing') continue
    for (const l of lb.listeners) {
      if (l.protocol.toUpperCase() === 'HTTP' && !l.redirects) {
        out.push({ id: `HTTP_LISTENER:${l.arn}`, check: 'HTTP_LISTENER', severity: 'low', title: 'Internet-facing load balancer serves plain HTTP', resourceIds: [lb.arn, l.arn], ports: [[l.port, l.port]], detail: `${lb.name} listener HTTP:${l.port} forwards without redirecting to HTTPS.` })
      }
    }
  }
  const seen = new Set<string>()
  for (const e of exposures) {
    if (!e.lb?.clientIpPreserved) continue
    const lb = model.loadBalancers.get(e.lb.loadBalancerArn)
    if (!lb || lb.securityGroupIds.length > 0 || e.breadth !== 'world') continue
    const k = `${lb.arn}:${e.eni}`
    if (seen.has(k)) continue
    seen.add(k)
    out.push({
      id: `NLB_OPEN_TARGET:${k}`, check: 'NLB_OPEN_TARGET', severity: 'medium', title: 'NLB without security groups in front of a target open to the internet',
      resourceIds: [e.eni, lb.arn], exposureIds: [e.id], detail: `${lb.name} has no security groups and preserves client addresses, so ${e.eni}'s own rules, which let in ${e.breadth === 'world' ? 'the whole internet' : e.sources.length > 3 ? `${e.sources.length} public ranges` : e.sources.join(', ')}, are all that filters the internet on ${e.ports[0]}.`,
    })
  }
  return out
}

/** Earlier rules of the same direction whose match spaces cover this entry entirely, or null. */
function shadowedBy(acl: NaclC, e: NaclEntryC): number[] | null {
  if (e.n >= 32767) return null
  const list = e.egress ? acl.outbound : acl.inbound
  const earlier = list.filter((x) => x.n < e.n && x.family === e.family)
  if (earlier.length === 0) return null
  const buckets = e.proto === ALL ? [TCP, UDP, ICMP, ICMPV6, OTHER, ...new Set(list.filter((x) => x.proto !== ALL).map((x) => x.proto))] : [e.proto]
  const used = new Set<number>()
  for (const b of buckets) {
    const rel = earlier.filter((x) => x.proto === ALL || x.proto === b)
    for (const [lo, hi] of segments(e.lo, e.hi, rel.map((x): [number, number] => [x.lo, x.hi]))) {
      let covered = AddressSet.EMPTY
      for (const x of rel) if (x.lo <= lo && x.hi >= hi) { covered = covered.union(x.addrs); used.add(x.n) }
      if (!covered.covers(e.addrs)) return null
    }
  }
  return [...used].sort((a, b) => a - b)
}
