import type { Exposure, ReachAnswer, ReachQuery, ReachResult } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import type { SnapshotAnalysis } from './analyzeSnapshot.ts'
import { canonicalIp } from './compileModel.ts'
import { eniPath } from './eniPath.ts'
import { INTERNET } from './internetSpace.ts'
import { parseCidr } from '../../shared/network/index.ts'
import type { EniC, Model } from './Model.ts'
import { ALL, ICMP, ICMPV6, protocolName, protocolNumber, TCP, UDP } from './protocols.ts'
import { ReachQueryError } from './ReachQueryError.ts'
import { naclStep, numbered, sgStep } from './steps.ts'

const LIMIT = 500

/**
 * "What can reach X" (no `from`): the internet (exposures), CIDR sources of X's security groups, and
 * the interfaces of the same and peered VPCs its rules admit, each with its path or blocking step.
 * "Can A reach B": the same, restricted to A (`internet`, a CIDR, an interface, instance or IP).
 */
export function reach(a: SnapshotAnalysis, q: ReachQuery): ReachResult {
  const { model } = a
  const to = resolveEni(model, q.to, 'to')
  if (!to) throw new ReachQueryError('to', `${q.to} is not a network interface, instance or private IP of this version`)
  const bucket = q.protocol === undefined ? undefined : protocolNumber(q.protocol)
  if (bucket === undefined && q.protocol !== undefined) throw new ReachQueryError('protocol', `unknown protocol ${q.protocol}`)
  if (q.port !== undefined && bucket !== undefined && bucket !== TCP && bucket !== UDP && bucket !== ICMP && bucket !== ICMPV6 && bucket !== ALL) {
    throw new ReachQueryError('port', `ports do not apply to protocol ${q.protocol}`)
  }
  const from = q.from === undefined ? undefined : resolveFrom(model, q.from)
  const answers: ReachAnswer[] = []
  let truncated = false
  const wantProto = (p: string) => bucket === undefined || bucket === ALL || p === 'all' || p === 'other' || p === protocolName(bucket)
  const wantPort = (e: { protocol: string; ports: [number, number] }) =>
    q.port === undefined || !(e.protocol === 'tcp' || e.protocol === 'udp' || e.protocol === 'icmp' || e.protocol === 'icmpv6') || (q.port >= e.ports[0] && q.port <= e.ports[1])

  // The internet, or an external CIDR: exposures and what blocks the rest.
  if (!from || from.kind === 'internet' || (from.kind === 'cidr' && !from.set.intersect(INTERNET).isEmpty())) {
    const limit = from?.kind === 'cidr' ? from.set : INTERNET
    for (const e of a.exposure.exposures) {
      if (e.eni !== to.id || !wantProto(e.protocol) || !wantPort(e)) continue
      const cidrs = from?.kind === 'cidr' ? AddressSet.fromCidrs(e.sources).intersect(limit).intersect(INTERNET).toCidrs() : e.sources
      if (cidrs.length === 0) continue
      answers.push(fromExposure(e, cidrs))
    }
    if (from) {
      for (const b of a.exposure.blocked) {
        if (b.eni !== to.id || !wantProto(b.protocol) || !wantPort(b)) continue
        const cidrs = from.kind === 'cidr' ? AddressSet.fromCidrs(b.sources).intersect(limit).intersect(INTERNET).toCidrs() : b.sources
        if (cidrs.length === 0) continue
        answers.push({ source: { kind: from.kind, id: null, cidrs }, protocol: b.protocol, ports: b.ports, verdict: 'blocked', via: b.via, trace: [b.blockedBy] })
      }
    }
  }
  // Addresses inside the VPCs (or private CIDRs): interfaces, and CIDR rules of the target's groups.
  if (!from || from.kind === 'eni' || (from.kind === 'cidr' && !from.set.subtract(INTERNET).isEmpty())) {
    const candidates = from?.kind === 'eni' ? [from.eni] : from ? [] : sourcesInReach(model, to)
    const seen = new Set<string>()
    for (const src of candidates) {
      if (src.id === to.id) continue
      const rules = ruleSeeds(model, to, src, bucket, q.port)
      if (rules.length === 0 && from?.kind === 'eni') {
        const p = q.port ?? 0
        answers.push(eniPath(model, a.exposure.evaluator.nacl, a.exposure.evaluator.routes, src, to, bucket !== undefined && bucket !== ALL ? bucket : TCP, p))
        continue
      }
      for (const [b, port] of rules) {
        const k = `${src.subnetId}|${[...src.groupIds].sort().join(',')}|${b}|${port}`
        if (!from && seen.has(k) && answers.length >= LIMIT) { truncated = true; continue }
        seen.add(k)
        if (answers.length >= LIMIT) { truncated = true; break }
        answers.push(eniPath(model, a.exposure.evaluator.nacl, a.exposure.evaluator.routes, src, to, b, port))
      }
    }
    if (!from || from.kind === 'cidr') answers.push(...cidrSources(a, to, from?.kind === 'cidr' ? from.set : undefined, bucket, q.port))
  }
  const verdict = answers.some((x) => x.verdict === 'reachable') ? 'reachable' : answers.some((x) => x.verdict === 'partial') ? 'partial' : 'blocked'
  return {
    query: q, target: { eni: to.id, resource: to.owner, addresses: [...to.privateIps, ...to.ipv6, ...to.publicPairs.map((p) => p.public)] },
    verdict, answers, truncated,
  }
}

function fromExposure(e: Exposure, cidrs: string[]): ReachAnswer {
  return {
    source: { kind: 'internet', id: null, cidrs }, protocol: e.protocol, ports: e.ports, verdict: e.completeness === 'full' ? 'reachable' : 'partial',
    via: e.via, ...(e.clientFamilies ? { clientFamilies: e.clientFamilies } : {}), trace: e.trace,
  }
}

/** (protocol, port) pairs to try for a source: the target's ingress rules that admit it, at their first port (or the query's). */
function ruleSeeds(model: Model, to: EniC, src: EniC, bucket: number | undefined, port: number | undefined): Array<[number, number]> {
  const srcAddrs = AddressSet.fromCidrs(src.privateIps)
  const out = new Map<string, [number, number]>()
  for (const g of to.groupIds) {
    for (const r of model.securityGroups.get(g)?.ingress ?? []) {
      const admits = r.peerKind === 'security-group' ? !r.stale && src.groupIds.includes(r.refGroupId!) : !r.addrs.intersect(srcAddrs).isEmpty()
      if (!admits) continue
      if (bucket !== undefined && bucket !== ALL && r.proto !== ALL && r.proto !== bucket) continue
      if (port !== undefined && (port < r.lo || port > r.hi)) continue
      const b = r.proto === ALL ? (bucket !== undefined && bucket !== ALL ? bucket : TCP) : r.proto
      const p = port ?? r.lo
      out.set(`${b}|${p}`, [b, p])
    }
  }
  return [...out.values()]
}

/** Interfaces in the target's VPC and in VPCs peered with it (active peering). */
function sourcesInReach(model: Model, to: EniC): EniC[] {
  const vpcs = new Set<string>([to.vpcId ?? ''])
  for (const p of model.peerings.values()) if (p.status === 'active' && p.vpcIds.includes(to.vpcId ?? '')) for (const v of p.vpcIds) vpcs.add(v)
  return [...model.enis.values()].filter((e) => vpcs.has(e.vpcId ?? '') && e.kind !== 'nat-gateway')
}

/** CIDR sources (private, on-premises) of the target's groups, through the target subnet's inbound NACL. */
function cidrSources(a: SnapshotAnalysis, to: EniC, limit: AddressSet | undefined, bucket: number | undefined, port: number | undefined): ReachAnswer[] {
  const { model } = a
  const out: ReachAnswer[] = []
  const subnet = to.subnetId ? model.subnets.get(to.subnetId) : undefined
  const acl = subnet?.naclId ? model.nacls.get(subnet.naclId) : undefined
  for (const g of to.groupIds) {
    for (const r of model.securityGroups.get(g)?.ingress ?? []) {
      if (r.peerKind === 'security-group') continue
      let set = r.addrs.subtract(INTERNET)
      if (limit) set = set.intersect(limit)
      if (set.isEmpty()) continue
      if (bucket !== undefined && bucket !== ALL && r.proto !== ALL && r.proto !== bucket) continue
      if (port !== undefined && (port < r.lo || port > r.hi)) continue
      const b = r.proto === ALL ? (bucket !== undefined && bucket !== ALL ? bucket : TCP) : r.proto
      const p = port ?? r.lo
      const steps = []
      let verdict: ReachAnswer['verdict'] = 'reachable'
      if (acl) {
        const pieces = a.exposure.evaluator.nacl.partition(acl, false, b, p, p).filter((x) => !x.set.intersect(set).isEmpty())
        const allow = pieces.find((x) => x.entry.action === 'allow')
        const first = allow ?? pieces[0]
        if (first) steps.push(naclStep(acl.id, first.entry, 'nacl-in', `inbound ${protocolName(b)} ${p} from ${r.peer}`))
        if (!allow) verdict = 'blocked'
      }
      if (verdict !== 'blocked') steps.push(sgStep(r, 'sg', `inbound ${protocolName(b)} ${p} from ${r.peer}`))
      out.push({ source: { kind: 'cidr', id: null, cidrs: set.toCidrs() }, protocol: protocolName(r.proto === ALL ? ALL : b), ports: r.proto === ALL ? [0, 65535] : [port ?? r.lo, port ?? r.hi], verdict, via: 'direct', trace: numbered(steps) })
    }
  }
  return out
}

function resolveEni(model: Model, text: string, field: 'from' | 'to'): EniC | undefined {
  const t = text.trim()
  if (t.startsWith('eni-')) return model.enis.get(t)
  if (t.startsWith('i-')) {
    const inst = model.instances.get(t)
    if (!inst) throw new ReachQueryError(field, `instance ${t} is not in this version`)
    return inst.primaryEniId ? model.enis.get(inst.primaryEniId) : undefined
  }
  const p = parseCidr(t)
  if (p && (p.family === 4 ? p.prefix === 32 : p.prefix === 128)) {
    const id = model.enisByIp.get(canonicalIp(t.split('/')[0]))
    if (id) return model.enis.get(id)
  }
  return undefined
}

type From = { kind: 'internet' } | { kind: 'cidr'; set: AddressSet } | { kind: 'eni'; eni: EniC }

function resolveFrom(model: Model, text: string): From {
  if (text.trim().toLowerCase() === 'internet') return { kind: 'internet' }
  const eni = resolveEni(model, text, 'from')
  if (eni) return { kind: 'eni', eni }
  if (text.startsWith('eni-')) throw new ReachQueryError('from', `${text} is not a network interface of this version`)
  const p = parseCidr(text.trim())
  if (!p) throw new ReachQueryError('from', `${text} is not "internet", a network interface, an instance, an IP address or a CIDR`)
  return { kind: 'cidr', set: AddressSet.fromCidr(text.trim()) }
}
