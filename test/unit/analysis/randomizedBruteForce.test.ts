/**
 * The interval-set engine against a brute-force evaluator that checks one packet (source address,
 * protocol, port) at a time against the same inventory, written independently from the SDK shapes:
 * first-match NACLs, any-match security groups, longest-prefix routes, ephemeral replies checked
 * port by port at every rule boundary. Many small random environments from a seeded PRNG: a failure
 * prints its seed and packet so it can be replayed.
 */
import { describe, expect, it } from 'vitest'
import type { Exposure, IpPermission, NetworkAclEntry, RegionInventory, Route } from '../../../shared/index.ts'
import { parseCidr, parseIp } from '../../../shared/network/index.ts'
import { addEni, analyze, baseEnv } from './envBuilder.ts'
import { mulberry32 as rng } from '../../support/mulberry32.ts'

const V4 = ['0.0.0.0/0', '81.0.0.0/8', '81.2.0.0/16', '81.2.69.0/24', '81.2.69.128/25', '52.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '198.51.100.0/24', '128.0.0.0/1']
const V6 = ['::/0', '2a00::/12', '2a00:1450::/32', '2001:db8::/32']
const PROTOS = ['-1', '6', '17', '1', '50']
const PORT_EDGES = [0, 22, 80, 443, 1023, 1024, 5000, 32767, 32768, 49151, 49152, 61000, 65535]

function randomEnv(seed: number): RegionInventory {
  const rand = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const portRange = (): [number, number] => { const a = pick(PORT_EDGES), b = pick(PORT_EDGES); return a <= b ? [a, b] : [b, a] }
  const r = baseEnv()
  // Routes of the public subnet: igw, sometimes a carve-out, sometimes a blackhole or NAT default.
  const routes: Route[] = []
  const def = pick(['igw', 'igw', 'igw', 'nat', 'blackhole'])
  routes.push(def === 'igw' ? { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active' }
    : def === 'nat' ? { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' }
      : { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-gone', State: 'blackhole' })
  if (rand() < 0.5) routes.push({ DestinationCidrBlock: pick(['81.2.0.0/16', '81.2.69.0/24', '52.0.0.0/8']), TransitGatewayId: 'tgw-1', State: 'active' })
  if (rand() < 0.3) routes.push({ DestinationCidrBlock: '81.2.69.128/25', GatewayId: 'igw-1', State: 'active' })
  routes.push(rand() < 0.7 ? { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1', State: 'active' } : { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1', State: 'active' })
  if (rand() < 0.3) routes.push({ DestinationIpv6CidrBlock: '2a00:1450::/32', TransitGatewayId: 'tgw-1', State: 'active' })
  r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-pub')!.Routes = [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }, ...routes]
  // A random NACL on the public subnet (the `*` rules are appended by AWS; leave them out half the time).
  const entries: NetworkAclEntry[] = []
  for (const egress of [false, true]) {
    const n = 1 + Math.floor(rand() * 4)
    for (let i = 0; i < n; i++) {
      const proto = pick(PROTOS)
      const v6 = rand() < 0.3
      const e: NetworkAclEntry = { RuleNumber: 10 * (i + 1) + Math.floor(rand() * 5), Egress: egress, RuleAction: rand() < 0.7 ? 'allow' : 'deny', Protocol: proto, ...(v6 ? { Ipv6CidrBlock: pick(V6) } : { CidrBlock: pick(V4) }) }
      if (proto === '6' || proto === '17') { const [a, b] = egress && rand() < 0.6 ? pick([[1024, 65535], [32768, 65535], [49152, 65535], [1024, 5000]] as Array<[number, number]>) : portRange(); e.PortRange = { From: a, To: b } }
      if (proto === '1') e.IcmpTypeCode = rand() < 0.5 ? { Type: -1, Code: -1 } : { Type: pick([0, 8, 3]), Code: pick([-1, 0]) }
      entries.push(e)
    }
    // Mostly end in allow-all, as real ACLs do, so that enough packets get through to compare.
    if (rand() < (egress ? 0.8 : 0.7)) entries.push({ RuleNumber: 200, Egress: egress, RuleAction: 'allow', Protocol: '-1', CidrBlock: '0.0.0.0/0' }, { RuleNumber: 201, Egress: egress, RuleAction: 'allow', Protocol: '-1', Ipv6CidrBlock: '::/0' })
    if (rand() < 0.5) entries.push({ RuleNumber: 32767, Egress: egress, RuleAction: 'deny', Protocol: '-1', CidrBlock: '0.0.0.0/0' }, { RuleNumber: 32768, Egress: egress, RuleAction: 'deny', Protocol: '-1', Ipv6CidrBlock: '::/0' })
  }
  r.ec2.NetworkAcls.push({ NetworkAclId: 'acl-rand', VpcId: 'vpc-1', IsDefault: false, Associations: [{ SubnetId: 'subnet-pub', NetworkAclId: 'acl-rand' }], Entries: entries })
  // Groups, then interfaces with random subsets of them.
  r.ec2.ManagedPrefixLists.push({ PrefixListId: 'pl-1', PrefixListName: 'pl', AddressFamily: 'IPv4', MaxEntries: 3 })
  r.ec2.PrefixListEntries['pl-1'] = [{ Cidr: '81.2.69.0/25' }, { Cidr: '52.1.0.0/16' }]
  const groups: string[] = []
  for (let g = 0; g < 1 + Math.floor(rand() * 3); g++) {
    const perms: IpPermission[] = []
    for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) {
      const proto = pick(['-1', 'tcp', 'udp', 'icmp', '50', 'tcp', 'tcp'])
      const p: IpPermission = { IpProtocol: proto }
      if (proto === 'tcp' || proto === 'udp') { const [a, b] = portRange(); p.FromPort = a; p.ToPort = b }
      if (proto === 'icmp') { p.FromPort = pick([-1, 8, 0]); p.ToPort = pick([-1, 0]); if (p.FromPort === -1) p.ToPort = -1 }
      if (proto === '50') { p.FromPort = 500; p.ToPort = 500 }
      const src = rand()
      if (src < 0.15) p.PrefixListIds = [{ PrefixListId: 'pl-1' }]
      else if (src < 0.35) p.Ipv6Ranges = [{ CidrIpv6: pick(V6) }]
      else p.IpRanges = [{ CidrIp: pick(V4) }]
      perms.push(p)
    }
    const id = `sg-r${g}`
    r.ec2.SecurityGroups.push({ GroupId: id, GroupName: id, VpcId: 'vpc-1', OwnerId: '123456789012', IpPermissions: perms, IpPermissionsEgress: [] })
    groups.push(id)
  }
  for (let i = 0; i < 1 + Math.floor(rand() * 3); i++) {
    addEni(r, {
      id: `eni-${i}`, subnet: 'subnet-pub', groups: groups.filter(() => rand() < 0.7), ip: `10.0.1.${10 + i}`,
      ...(rand() < 0.8 ? { publicIp: `54.0.0.${10 + i}` } : {}), ...(rand() < 0.6 ? { ipv6: [`2600:1f18:1:ff01::${10 + i}`] } : {}),
      ...(rand() < 0.1 ? { denyAllIgw: true } : {}),
    })
  }
  return r
}

// ---------- the brute-force evaluator: one packet at a time, straight from the SDK shapes ----------

type Packet = { src: string; proto: number; port: number }
const inCidr = (ip: string, cidr: string) => {
  const p = parseCidr(cidr), a = parseIp(ip)
  return !!p && !!a && p.family === a.family && a.value >= p.lo && a.value <= p.hi
}
const NON_INTERNET = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4', '2001:db8::/32']
const isInternet = (ip: string) => (ip.includes(':') ? inCidr(ip, '2000::/3') : true) && !NON_INTERNET.some((c) => inCidr(ip, c))
const protoNum = (p: string) => ({ '-1': -1, tcp: 6, udp: 17, icmp: 1, icmpv6: 58 } as Record<string, number>)[p] ?? Number(p)

/** Does a NACL entry match (address, protocol, port or encoded icmp type·256+code)? */
function naclMatches(e: NetworkAclEntry, ip: string, proto: number, port: number): boolean {
  const cidr = e.CidrBlock ?? e.Ipv6CidrBlock!
  if (!inCidr(ip, cidr)) return false
  const p = Number(e.Protocol)
  if (p !== -1 && p !== proto) return false
  if ((p === 6 || p === 17) && e.PortRange) return port >= e.PortRange.From! && port <= e.PortRange.To!
  if (p === 1 && e.IcmpTypeCode) {
    const t = e.IcmpTypeCode.Type!, c = e.IcmpTypeCode.Code!
    return t === -1 || (Math.floor(port / 256) === t && (c === -1 || port % 256 === c))
  }
  return true
}
function naclAllows(entries: NetworkAclEntry[], egress: boolean, ip: string, proto: number, port: number): boolean {
  const sorted = entries.filter((e) => e.Egress === egress).sort((a, b) => a.RuleNumber - b.RuleNumber)
  for (const e of sorted) if (naclMatches(e, ip, proto, port)) return e.RuleAction === 'allow'
  return false
}
function sgAllows(r: RegionInventory, groups: string[], ip: string, proto: number, port: number): boolean {
  for (const g of r.ec2.SecurityGroups.filter((x) => groups.includes(x.GroupId))) {
    for (const p of g.IpPermissions ?? []) {
      const pp = protoNum(p.IpProtocol)
      if (pp !== -1 && pp !== proto) continue
      if (pp === 6 || pp === 17) { if (port < p.FromPort! || port > p.ToPort!) continue }
      if (pp === 1) {
        const t = p.FromPort!, c = p.ToPort!
        if (!(t === -1 || (Math.floor(port / 256) === t && (c === -1 || port % 256 === c)))) continue
      }
      const cidrs = [...(p.IpRanges ?? []).map((x) => x.CidrIp!), ...(p.Ipv6Ranges ?? []).map((x) => x.CidrIpv6!),
        ...(p.PrefixListIds ?? []).flatMap((x) => (r.ec2.PrefixListEntries[x.PrefixListId!] ?? []).map((e) => e.Cidr))]
      if (cidrs.some((c) => inCidr(ip, c))) return true
    }
  }
  return false
}
function routeToIgw(r: RegionInventory, ip: string): boolean {
  const routes = r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-pub')!.Routes!
  let best: Route | null = null, bestLen = -1
  for (const x of routes) {
    const d = x.DestinationCidrBlock ?? x.DestinationIpv6CidrBlock!
    if (!inCidr(ip, d)) continue
    const len = parseCidr(d)!.prefix
    if (len > bestLen) { best = x; bestLen = len }
  }
  return !!best && best.State === 'active' && best.GatewayId === 'igw-1'
}

const FAMILIES: Array<[string, number, number]> = [['linux (32768-61000)', 32768, 61000], ['windows-macos (49152-65535)', 49152, 65535], ['windows-2003 (1025-5000)', 1025, 5000]]

/** 'none' | 'full' | 'partial:<families>' for one packet to one interface. */
function bruteForce(r: RegionInventory, eniId: string, pk: Packet): string {
  const eni = r.ec2.NetworkInterfaces.find((e) => e.NetworkInterfaceId === eniId)!
  const v6 = pk.src.includes(':')
  if (v6 ? !(eni.Ipv6Addresses ?? []).length : !eni.Association?.PublicIp) return 'none'
  if (eni.DenyAllIgwTraffic) return 'none'
  if (!isInternet(pk.src) || !routeToIgw(r, pk.src)) return 'none'
  const acl = r.ec2.NetworkAcls.find((a) => a.NetworkAclId === 'acl-rand')!.Entries!
  if (!naclAllows(acl, false, pk.src, pk.proto, pk.port)) return 'none'
  if (!sgAllows(r, (eni.Groups ?? []).map((g) => g.GroupId!), pk.src, pk.proto, pk.port)) return 'none'
  // ICMP arrives whatever the NACL does to the echo reply; only the reply decides full or partial.
  if (pk.proto === 1) return naclAllows(acl, true, pk.src, 1, 0) ? 'full' : 'partial:'
  if (pk.proto === 58) return naclAllows(acl, true, pk.src, 58, 129 * 256) ? 'full' : 'partial:'
  if (pk.proto !== 6 && pk.proto !== 17) return naclAllows(acl, true, pk.src, pk.proto, 0) ? 'full' : 'none'
  // Replies: every ephemeral port that could behave differently (rule edges and their neighbours).
  const probes = new Set<number>([1024, 65535])
  for (const e of acl) if (e.PortRange) for (const x of [e.PortRange.From!, e.PortRange.To!]) for (const d of [-1, 0, 1]) if (x + d >= 1024 && x + d <= 65535) probes.add(x + d)
  for (const [, lo, hi] of FAMILIES) { probes.add(lo); probes.add(hi) }
  const ok = (p: number) => naclAllows(acl, true, pk.src, pk.proto, p)
  const allowed = [...probes].filter(ok)
  if (allowed.length === probes.size) return 'full'
  if (allowed.length === 0) return 'none'
  const fams = FAMILIES.filter(([, lo, hi]) => [...probes].filter((p) => p >= lo && p <= hi).every(ok)).map(([n]) => n)
  return `partial:${fams.join(',')}`
}

/** What the engine's exposures say about the same packet. */
function engineVerdict(exposures: Exposure[], eniId: string, pk: Packet): string {
  const name = ({ 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' } as Record<number, string>)[pk.proto] ?? String(pk.proto)
  const fits = exposures.filter((e) => e.eni === eniId && e.via === 'direct' && (
    e.protocol === name || e.protocol === 'all' || (e.protocol === 'other' && ![6, 17, 1, 58].includes(pk.proto) && !e.otherExcept!.includes(pk.proto))))
    .filter((e) => {
      if (e.protocol === 'icmp' || e.protocol === 'icmpv6') return Math.floor(pk.port / 256) >= e.ports[0] && Math.floor(pk.port / 256) <= e.ports[1] && pk.port % 256 >= e.icmpCodes![0] && pk.port % 256 <= e.icmpCodes![1]
      if (e.protocol === 'tcp' || e.protocol === 'udp') return pk.port >= e.ports[0] && pk.port <= e.ports[1]
      return true
    })
    // `sources` name internet space: their CIDRs may fold in non-internet blocks, which never reach.
    .filter((e) => isInternet(pk.src) && e.sources.some((c) => inCidr(pk.src, c)))
  if (fits.length === 0) return 'none'
  if (fits.length > 1) return `ambiguous:${fits.map((f) => f.id).join(' ')}`
  return fits[0].completeness === 'full' ? 'full' : `partial:${fits[0].clientFamilies!.join(',')}`
}

describe('exposure engine vs a brute-force single-packet evaluator', () => {
  it('agrees on every sampled packet of 300 random environments', () => {
    let compared = 0, exposedSeen = 0, partialSeen = 0
    for (let seed = 1; seed <= 300; seed++) {
      const env = randomEnv(seed)
      const { exposures } = analyze(env)
      const rand = rng(seed * 7919)
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
      const sources = ['81.2.69.1', '81.2.69.200', '81.2.70.1', '81.9.9.9', '52.1.2.3', '52.200.0.1', '8.8.8.8', '10.1.2.3', '198.51.100.7', '100.64.1.1',
        '128.0.0.1', '2a00:1450::1', '2a00:1::5', '2a10::1', '2001:db8::1', '2600::1']
      for (const eni of env.ec2.NetworkInterfaces) {
        for (let i = 0; i < 60; i++) {
          const proto = pick([6, 6, 6, 17, 1, 50, 47])
          const port = proto === 1 ? pick([8 * 256, 0, 3 * 256 + 1]) : proto === 6 || proto === 17 ? pick(PORT_EDGES) : 0
          const src = pick(sources)
          // ICMP over IPv6 is ICMPv6 (58), echo request type 128.
          const pk = src.includes(':') && proto === 1 ? { src, proto: 58, port: port === 8 * 256 ? 128 * 256 : port } : { src, proto, port }
          const want = bruteForce(env, eni.NetworkInterfaceId, pk)
          const got = engineVerdict(exposures, eni.NetworkInterfaceId, pk)
          if (got !== want) throw new Error(`seed ${seed}, ${eni.NetworkInterfaceId}, packet ${JSON.stringify(pk)}: brute force ${want}, engine ${got}`)
          compared++
          if (want !== 'none') exposedSeen++
          if (want.startsWith('partial')) partialSeen++
        }
      }
    }
    // The sample must exercise both outcomes, or agreement proves little.
    expect(compared).toBeGreaterThan(10_000)
    expect(exposedSeen).toBeGreaterThan(500)
    expect(partialSeen).toBeGreaterThan(10)
  })
})
