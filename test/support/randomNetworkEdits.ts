/**
 * Random, realistic edits of a normalized snapshot, for the randomized equivalence tests of the
 * stored diff and incremental exposure (and the benchmarks): security-group rules opened and closed,
 * interfaces moved between groups and subnets, NACL entries and routes, prefix-list entries,
 * listeners, targets, load balancer groups, resources added and removed. Each edit changes what
 * analysis reads (attributes, or raw where compileModel reads raw). Deterministic per seed.
 */
import type { Resource, SecurityGroupRule, Snapshot } from '../../shared/index.ts'
import { canonicalJson } from '../../server/snapshot/canonicalJson.ts'
import { hashResource, hashResources } from '../../server/snapshot/hashSnapshot.ts'

/** Seeded numbers in [0, 1) (mulberry32), so a failing seed can be replayed. */
export { mulberry32 as seededRandom } from './mulberry32.ts'

interface EditContext {
  /** Read-only view of the current resources. */
  byId: Map<string, Resource>
  /** A resource's own copy, to change. */
  edit(r: Resource): Resource
  /** Resources of one kind, in id order (indexed once per snapshot). */
  ofKind(kind: string): Resource[]
}
type Edit = (ctx: EditContext, pick: <T>(xs: readonly T[]) => T | undefined, rand: () => number, tag: string) => string | null

const SOURCES = ['0.0.0.0/0', '203.0.113.0/24', '198.51.100.0/22', '::/0', '10.0.0.0/8', '81.2.69.0/24', '0.0.0.0/1']
const PORTS = [22, 80, 443, 3389, 5432, 8080, 8443, 9000]

const sameVpc = (c: EditContext, kind: string, vpcId: string | undefined) => c.ofKind(kind).filter((r) => r.vpcId === vpcId)
const raw = (r: Resource) => r.raw as Record<string, unknown>

const EDITS: Record<string, Edit> = {
  'sg-open': (c, pick, rand, tag) => {
    const picked = pick(c.ofKind('security-group'))
    if (!picked) return null
    const sg = c.edit(picked)
    const lists = c.ofKind('prefix-list').map((p) => p.id)
    const source = rand() < 0.2 && lists.length ? pick(lists)! : pick(SOURCES)!
    const port = pick(PORTS)!
    const rule: SecurityGroupRule = {
      SecurityGroupRuleId: `sgr-${tag}`, GroupId: sg.id, IsEgress: false, IpProtocol: rand() < 0.1 ? '-1' : 'tcp',
      FromPort: port, ToPort: rand() < 0.2 ? port + 100 : port,
      ...(source.startsWith('pl-') ? { PrefixListId: source } : source.includes(':') ? { CidrIpv6: source } : { CidrIpv4: source }),
    }
    sg.attributes.rules = [...((sg.attributes.rules ?? []) as SecurityGroupRule[]), rule]
    return `sg-open ${sg.id} ${port} ${source}`
  },
  'sg-close': (c, pick) => {
    const picked = pick(c.ofKind('security-group').filter((g) => ((g.attributes.rules ?? []) as SecurityGroupRule[]).some((r) => !r.IsEgress)))
    if (!picked) return null
    const sg = c.edit(picked)
    const rules = (sg.attributes.rules ?? []) as SecurityGroupRule[]
    const gone = pick(rules.filter((r) => !r.IsEgress))!
    sg.attributes.rules = rules.filter((r) => r !== gone)
    return `sg-close ${sg.id} ${gone.SecurityGroupRuleId}`
  },
  'eni-groups': (c, pick, rand) => {
    const eni = pick(c.ofKind('network-interface'))
    const groups = sameVpc(c, 'security-group', eni?.vpcId).map((g) => g.id)
    if (!eni || groups.length === 0) return null
    const e = c.edit(eni)
    e.attributes.groupIds = [...new Set([pick(groups)!, ...(rand() < 0.5 ? [pick(groups)!] : [])])].sort()
    return `eni-groups ${eni.id}`
  },
  'eni-subnet': (c, pick) => {
    const eni = pick(c.ofKind('network-interface'))
    const subnet = pick(sameVpc(c, 'subnet', eni?.vpcId))
    if (!eni || !subnet) return null
    c.edit(eni).attributes.subnetId = subnet.id
    return `eni-subnet ${eni.id} ${subnet.id}`
  },
  'subnet-nacl': (c, pick) => {
    const subnet = pick(c.ofKind('subnet'))
    const nacl = pick(sameVpc(c, 'network-acl', subnet?.vpcId))
    if (!subnet || !nacl) return null
    c.edit(subnet).attributes.naclId = nacl.id
    return `subnet-nacl ${subnet.id} ${nacl.id}`
  },
  'subnet-route-table': (c, pick) => {
    const subnet = pick(c.ofKind('subnet'))
    const rt = pick(sameVpc(c, 'route-table', subnet?.vpcId))
    if (!subnet || !rt) return null
    c.edit(subnet).attributes.routeTableId = rt.id
    return `subnet-route-table ${subnet.id} ${rt.id}`
  },
  'nacl-entry': (c, pick, rand) => {
    const picked = pick(c.ofKind('network-acl'))
    if (!picked) return null
    const nacl = c.edit(picked)
    const entries = (raw(nacl).Entries ?? []) as Array<Record<string, unknown>>
    const custom = entries.filter((e) => (e.RuleNumber as number) < 32767)
    if (rand() < 0.4 && custom.length > 0) {
      const gone = pick(custom)!
      raw(nacl).Entries = entries.filter((e) => e !== gone)
      return `nacl-entry -${nacl.id} ${String(gone.RuleNumber)}`
    }
    const used = new Set(entries.map((e) => e.RuleNumber))
    let n = 1 + Math.floor(rand() * 150)
    while (used.has(n)) n++
    const port = pick(PORTS)!
    raw(nacl).Entries = [...entries, {
      RuleNumber: n, Egress: rand() < 0.3, Protocol: rand() < 0.2 ? '-1' : '6', RuleAction: rand() < 0.6 ? 'deny' : 'allow',
      CidrBlock: pick(SOURCES.filter((s) => !s.includes(':')))!, PortRange: { From: port, To: port },
    }]
    return `nacl-entry +${nacl.id} ${n}`
  },
  route: (c, pick) => {
    const picked = pick(c.ofKind('route-table'))
    if (!picked) return null
    const rt = c.edit(picked)
    const routes = (raw(rt).Routes ?? []) as Array<Record<string, unknown>>
    const toIgw = routes.find((r) => typeof r.GatewayId === 'string' && (r.GatewayId as string).startsWith('igw-'))
    if (toIgw) {
      raw(rt).Routes = routes.filter((r) => r !== toIgw)
      return `route -${rt.id} ${String(toIgw.DestinationCidrBlock ?? toIgw.DestinationIpv6CidrBlock)}`
    }
    const igw = c.ofKind('internet-gateway').find((g) => g.attributes.attachedVpcId === rt.vpcId
      || ((raw(g).Attachments ?? []) as Array<{ VpcId?: string }>).some((a) => a.VpcId === rt.vpcId))
    if (!igw) return null
    raw(rt).Routes = [...routes.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0'),
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.id, Origin: 'CreateRoute', State: 'active' }]
    return `route +${rt.id} ${igw.id}`
  },
  'prefix-list': (c, pick, rand) => {
    const picked = pick(c.ofKind('prefix-list'))
    if (!picked) return null
    const pl = c.edit(picked)
    const entries = (pl.attributes.entries ?? []) as Array<{ Cidr: string }>
    pl.attributes.entries = rand() < 0.4 && entries.length > 0
      ? entries.slice(1)
      : [...entries, { Cidr: pick(['0.0.0.0/0', '192.0.2.0/24', '100.64.0.0/10', '8.8.8.0/24'])! }]
    return `prefix-list ${pl.id}`
  },
  listener: (c, pick, rand) => {
    const picked = pick(c.ofKind('listener'))
    if (!picked) return null
    if (rand() < 0.3) { c.byId.delete(picked.id); return `listener -${picked.id}` }
    const l = c.edit(picked)
    const port = pick(PORTS)!
    raw(l).Port = port
    l.attributes.port = port
    return `listener ${l.id} ${port}`
  },
  targets: (c, pick, rand) => {
    const picked = pick(c.ofKind('target-group'))
    if (!picked) return null
    const tg = c.edit(picked)
    const targets = (tg.attributes.targets ?? []) as Array<{ Target: { Id: string; Port?: number } }>
    if (rand() < 0.5 && targets.length > 0) {
      tg.attributes.targets = targets.slice(1)
      return `targets -${tg.id}`
    }
    const instance = pick(c.ofKind('instance'))
    if (!instance) return null
    tg.attributes.targets = [...targets, { Target: { Id: instance.id, Port: (tg.attributes.port as number | null) ?? 80 } }]
    return `targets +${tg.id} ${instance.id}`
  },
  'lb-groups': (c, pick) => {
    const lb = pick(c.ofKind('load-balancer'))
    const sg = pick(sameVpc(c, 'security-group', lb?.vpcId))
    if (!lb || !sg) return null
    const l = c.edit(lb)
    raw(l).SecurityGroups = [sg.id]
    l.attributes.securityGroupIds = [sg.id]
    return `lb-groups ${lb.id} ${sg.id}`
  },
  remove: (c, pick) => {
    const r = pick([...c.byId.keys()])
    if (!r || c.byId.get(r)!.kind === 'vpc') return null
    c.byId.delete(r)
    return `remove ${r}`
  },
  'add-interface': (c, pick, _rand, tag) => {
    const eni = pick(c.ofKind('network-interface').filter((e) => e.attributes.eniKind === 'instance'))
    if (!eni) return null
    const copy = structuredClone(eni)
    copy.id = `eni-${tag}`
    copy.attributes.owner = null
    c.byId.set(copy.id, c.edit(copy))
    return `add-interface ${copy.id} like ${eni.id}`
  },
  tags: (c, pick, _rand, tag) => {
    const picked = pick([...c.byId.values()])
    if (!picked) return null
    const r = c.edit(picked)
    r.tags = { ...r.tags, edit: tag }
    return `tags ${r.id}`
  },
}

export const EDIT_KINDS = Object.keys(EDITS)

/**
 * A copy of `snapshot` with `count` random edits (resources re-canonicalized and re-hashed, as
 * normalize leaves them), and the list of what was done.
 */
export function editSnapshot(snapshot: Snapshot, rand: () => number, count: number, tagPrefix: string, kinds: readonly string[] = EDIT_KINDS): { snapshot: Snapshot; edits: string[] } {
  const byId = new Map(snapshot.resources.map((r) => [r.id, r]))
  const touched = new Set<Resource>()
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(rand() * xs.length)])
  // Edits work on copies of what they touch; untouched resources stay shared with `snapshot`.
  const kindsIndex = new Map<string, string[]>()
  for (const r of snapshot.resources) {
    const list = kindsIndex.get(r.kind)
    if (list) list.push(r.id)
    else kindsIndex.set(r.kind, [r.id])
  }
  const ctx: EditContext = {
    byId,
    edit: (r) => {
      if (touched.has(r)) return r
      const copy = structuredClone(r)
      touched.add(copy)
      if (byId.has(copy.id)) byId.set(copy.id, copy)
      return copy
    },
    ofKind: (kind) => (kindsIndex.get(kind) ?? []).flatMap((id) => byId.get(id) ?? []),
  }
  const edits: string[] = []
  for (let i = 0; edits.length < count && i < count * 10; i++) {
    const kind = pick(kinds)!
    const done = EDITS[kind]!(ctx, pick, rand, `${tagPrefix}-${i}`)
    if (done) edits.push(done)
  }
  const resources = [...byId.values()].map((r) => (touched.has(r) ? JSON.parse(canonicalJson(r)) as Resource : r))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { snapshot: { ...snapshot, resources, hash: hashResources(resources.map(hashResource)) }, edits }
}
