import type { Severity, Blocked, Exposure, LbHop, TraceStep } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import type { BlockedPiece, ExposedPiece } from './InboundEvaluator.ts'
import { ALL, ICMP, ICMPV6, icmpBlocks, isIcmp, OTHER, protocolName } from './protocols.ts'
import { exposureSeverity } from '../../shared/network/index.ts'
import { breadthOf } from './breadthOf.ts'
import { sourceCidrs } from './sourceCidrs.ts'
import { numbered, type StepDraft } from './steps.ts'

interface Mergeable { bucket: number; lo: number; hi: number; family: 4 | 6; set: AddressSet; key: string }

/**
 * Pieces with the same trace (key) and protocol are joined: equal port segments by uniting their
 * sources, then adjacent segments with equal sources into maximal port ranges (§10 phase B.4).
 * Protocols whose pieces are identical over all ports collapse into one `all` (ALL bucket).
 */
export function mergePieces<P extends Mergeable>(pieces: readonly P[], buckets: readonly number[]): P[] {
  // Piece lists are shared through the evaluator's cache; merge each list once.
  const hit = merged.get(pieces)
  if (hit) return hit as P[]
  const out = mergeOnce(pieces, buckets)
  merged.set(pieces, out)
  return out
}

const merged = new WeakMap<readonly Mergeable[], Mergeable[]>()

function mergeOnce<P extends Mergeable>(pieces: readonly P[], buckets: readonly number[]): P[] {
  const bySeg = new Map<string, P>()
  for (const p of pieces) {
    const k = `${p.key}#${p.bucket}#${p.lo}`
    const prev = bySeg.get(k)
    if (prev) bySeg.set(k, { ...prev, set: prev.set.union(p.set) })
    else bySeg.set(k, p)
  }
  const groups = new Map<string, P[]>()
  for (const p of bySeg.values()) {
    const k = `${p.key}#${p.bucket}`
    const g = groups.get(k)
    if (g) g.push(p)
    else groups.set(k, [p])
  }
  let merged: P[] = []
  for (const g of groups.values()) {
    g.sort((a, b) => a.lo - b.lo)
    let cur = g[0]
    for (let i = 1; i < g.length; i++) {
      const p = g[i]
      if (p.lo === cur.hi + 1 && p.set.equals(cur.set)) cur = { ...cur, hi: p.hi }
      else { merged.push(cur); cur = p }
    }
    merged.push(cur)
  }
  // Every protocol the evaluation looked at, exposed alike over all ports: one `all` entry.
  const whole = new Map<string, P[]>()
  for (const p of merged) {
    if (p.lo !== 0 || p.hi !== 65535) continue
    const k = `${p.key}#${p.set.key()}`
    whole.set(k, [...(whole.get(k) ?? []), p])
  }
  const drop = new Set<P>()
  const add: P[] = []
  for (const g of whole.values()) {
    const family = g[0].family
    const needed = buckets.filter((b) => !((b === ICMP && family === 6) || (b === ICMPV6 && family === 4)))
    if (!needed.includes(OTHER) || !needed.every((b) => g.some((p) => p.bucket === b))) continue
    for (const p of g) drop.add(p)
    add.push({ ...g[0], bucket: ALL })
  }
  if (drop.size) merged = [...merged.filter((p) => !drop.has(p)), ...add]
  return merged
}

export interface ExposureContext {
  eni: string
  resource: string | null
  vpcId: string | null
  subnetId: string | null
  via: string
  lb?: LbHop
  /** Steps before the piece's own (the internet gateway step with the addresses used). */
  leading: (family: 4 | 6) => StepDraft[]
  caveats: Array<{ code: string; message: string }>
  /** Addresses that can never be sources here besides non-internet space (the VPC's own blocks), folded into `sources`. */
  notSources?: AddressSet
  /** Protocol buckets evaluated, so an `other` entry can say which protocols it leaves to their own entries. */
  buckets?: readonly number[]
  /** Severity from the port the internet sees (a listener port for via-LB), else from the piece. */
  severityPort?: { protocol: string; port: number }
}

/** Merged exposed pieces → Exposure records (ICMP ranges split into type × code blocks). */
export function toExposures(pieces: readonly ExposedPiece[], ctx: ExposureContext): Exposure[] {
  const out: Exposure[] = []
  for (const p of pieces) {
    const protocol = protocolName(p.bucket)
    const sources = sourceCidrs(p.set, ctx.notSources)
    const breadth = breadthOf(p.set)
    const trace = numbered([...ctx.leading(p.family), ...p.steps])
    const caveats = [...ctx.caveats]
    if (p.sgRule?.prefixListName?.includes('cloudfront.origin-facing')) {
      caveats.push({ code: 'CLOUDFRONT_ONLY', message: `sources come from prefix list ${p.sgRule.peer} (CloudFront origin-facing): reachable through CloudFront` })
    }
    const blocks = isIcmp(p.bucket) ? icmpBlocks(p.lo, p.hi).map((b) => ({ ports: b.types, icmpCodes: b.codes as [number, number] | undefined }))
      : [{ ports: [p.lo, p.hi] as [number, number], icmpCodes: undefined }]
    for (const b of blocks) {
      const severity: Severity = ctx.severityPort
        ? exposureSeverity(ctx.severityPort.protocol, ctx.severityPort.port, ctx.severityPort.port, breadth)
        : exposureSeverity(protocol, b.ports[0], b.ports[1], breadth)
      out.push({
        id: `${ctx.eni}:${ctx.via === 'direct' ? 'direct' : `${ctx.lb?.listenerPort}`}:${protocol}:${b.ports[0]}-${b.ports[1]}${b.icmpCodes ? `/${b.icmpCodes[0]}-${b.icmpCodes[1]}` : ''}:${shortHash(p.key + (ctx.lb?.loadBalancerArn ?? ''))}`,
        eni: ctx.eni, resource: ctx.resource, vpcId: ctx.vpcId, subnetId: ctx.subnetId, protocol, ports: b.ports,
        ...(b.icmpCodes ? { icmpCodes: b.icmpCodes } : {}),
        ...(p.bucket === OTHER ? { otherExcept: (ctx.buckets ?? []).filter((x) => x >= 0 && x !== 6 && x !== 17 && x !== 1 && x !== 58) } : {}),
        sources, breadth, via: ctx.via, ...(ctx.lb ? { lb: ctx.lb } : {}), completeness: p.completeness,
        ...(p.completeness === 'partial' ? { clientFamilies: p.families } : {}),
        severity, caveats, trace,
      })
    }
  }
  return out
}

export function toBlocked(pieces: readonly BlockedPiece[], eni: string, resource: string | null, via: string, notSources?: AddressSet): Blocked[] {
  const out: Blocked[] = []
  for (const p of pieces) {
    const protocol = protocolName(p.bucket)
    const blocks = isIcmp(p.bucket) ? icmpBlocks(p.lo, p.hi).map((b) => ({ ports: b.types, icmpCodes: b.codes as [number, number] | undefined }))
      : [{ ports: [p.lo, p.hi] as [number, number], icmpCodes: undefined }]
    for (const b of blocks) {
      out.push({
        eni, resource, via, protocol, ports: b.ports, ...(b.icmpCodes ? { icmpCodes: b.icmpCodes } : {}),
        sources: sourceCidrs(p.set, notSources), securityGroupRuleIds: p.sgRuleIds, blockedBy: { seq: 1, ...p.step } as TraceStep,
      })
    }
  }
  return out
}

/** FNV-1a, 8 hex digits: short, stable ids from trace keys. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0 }
  return h.toString(16).padStart(8, '0')
}

export { AddressSet }
