import { AddressSet } from './AddressSet.ts'
import { IntervalSet, PORTS } from './IntervalSet.ts'
import type { NaclC, NaclEntryC } from './Model.ts'
import { ALL, ECHO_REPLY, hasPorts, isIcmp } from './protocols.ts'
import { segments } from './segments.ts'

export interface NaclPiece { entry: NaclEntryC; set: AddressSet }

/**
 * The peers of a stateless NACL hop for the replies of a flow, grouped by what the NACL lets back:
 * `full` when every ephemeral port 1024-65535 is allowed (TCP/UDP), `partial` when only some are (with
 * the client families that still work), `none` when no reply gets through (§2.3).
 */
export interface ReturnClass {
  set: AddressSet
  completeness: 'full' | 'partial' | 'none'
  families: string[]
  /** Allow entries that let replies through (in rule order). */
  allows: NaclEntryC[]
  /** The first entry that denies part of what is needed. */
  deny: NaclEntryC | null
  key: string
}

/** Client operating systems and services by the ephemeral source ports they use (§2.3). */
export const CLIENT_FAMILIES: ReadonlyArray<{ name: string; lo: number; hi: number }> = [
  { name: 'linux (32768-61000)', lo: 32768, hi: 61000 },
  { name: 'windows-macos (49152-65535)', lo: 49152, hi: 65535 },
  { name: 'windows-2003 (1025-5000)', lo: 1025, hi: 5000 },
]
export const EPHEMERAL: [number, number] = [1024, 65535]

const matches = (e: NaclEntryC, bucket: number) => e.proto === ALL || e.proto === bucket

/** First-match evaluation of network ACLs, memoized per ACL, direction, protocol bucket and port segment. */
export class NaclEvaluator {
  private readonly partitions = new Map<string, NaclPiece[]>()
  private readonly returns = new Map<string, ReturnClass[]>()

  /** Port cut points of the entries that apply to a protocol bucket, for segmenting. */
  ranges(nacl: NaclC, egress: boolean, bucket: number): Array<[number, number]> {
    return (egress ? nacl.outbound : nacl.inbound).filter((e) => matches(e, bucket) && e.proto !== ALL).map((e) => [e.lo, e.hi])
  }

  /**
   * Every address, split by the entry that decides it for (bucket, ports lo..hi): the segment must be
   * elementary for this ACL's entries. Pieces are disjoint and cover both address families.
   */
  partition(nacl: NaclC, egress: boolean, bucket: number, lo: number, hi: number): NaclPiece[] {
    const key = `${nacl.id}|${egress ? 'e' : 'i'}|${bucket}|${lo}|${hi}`
    const hit = this.partitions.get(key)
    if (hit) return hit
    const out: NaclPiece[] = []
    let remaining = AddressSet.ALL
    for (const e of egress ? nacl.outbound : nacl.inbound) {
      if (!matches(e, bucket) || e.lo > lo || e.hi < hi) continue
      const m = remaining.intersect(e.addrs)
      if (m.isEmpty()) continue
      out.push({ entry: e, set: m })
      remaining = remaining.subtract(m)
      if (remaining.isEmpty()) break
    }
    this.partitions.set(key, out)
    return out
  }

  /** What one address meets for (bucket, port): the deciding entry. */
  decide(nacl: NaclC, egress: boolean, bucket: number, port: number, address: AddressSet): NaclEntryC | null {
    for (const p of this.partition(nacl, egress, bucket, port, port)) if (p.set.covers(address)) return p.entry
    return null
  }

  /**
   * Replies towards each peer address: for TCP/UDP the peer's ephemeral ports (range, default
   * 1024-65535), for ICMP the echo reply, for other protocols the protocol itself.
   */
  returnClasses(nacl: NaclC, egress: boolean, bucket: number, range: [number, number] = EPHEMERAL): ReturnClass[] {
    const key = `${nacl.id}|${egress ? 'e' : 'i'}|${bucket}|${range[0]}|${range[1]}`
    const hit = this.returns.get(key)
    if (hit) return hit
    const [lo, hi] = hasPorts(bucket) ? range : isIcmp(bucket) ? [ECHO_REPLY[bucket], ECHO_REPLY[bucket]] : [0, 65535]
    let classes: Array<{ set: AddressSet; allowed: IntervalSet<number>; allows: NaclEntryC[]; deny: NaclEntryC | null }> =
      [{ set: AddressSet.ALL, allowed: IntervalSet.empty(PORTS), allows: [], deny: null }]
    const segs = segments(lo, hi, hasPorts(bucket) || isIcmp(bucket) ? this.ranges(nacl, egress, bucket) : [])
    for (const [a, b] of segs) {
      const parts = this.partition(nacl, egress, bucket, a, b)
      const next = new Map<string, (typeof classes)[number]>()
      for (const c of classes) {
        for (const p of parts) {
          const s = c.set.intersect(p.set)
          if (s.isEmpty()) continue
          const allow = p.entry.action === 'allow'
          const allowed = allow ? c.allowed.union(IntervalSet.range(PORTS, a, b)) : c.allowed
          const allows = allow && !c.allows.includes(p.entry) ? [...c.allows, p.entry] : c.allows
          const deny = c.deny ?? (allow ? null : p.entry)
          const k = `${allowed.key()}|${allows.map((e) => `${e.family}:${e.n}`).join(',')}|${deny ? `${deny.family}:${deny.n}` : ''}`
          const existing = next.get(k)
          if (existing) existing.set = existing.set.union(s)
          else next.set(k, { set: s, allowed, allows, deny })
        }
      }
      classes = [...next.values()]
    }
    const out = classes.map((c): ReturnClass => {
      const full = c.allowed.covers(IntervalSet.range(PORTS, lo, hi))
      let completeness: ReturnClass['completeness'] = full ? 'full' : c.allowed.isEmpty() ? 'none' : 'partial'
      // ICMP messages arrive whether or not the echo reply can leave: a blocked reply only breaks ping.
      if (isIcmp(bucket) && completeness === 'none') completeness = 'partial'
      const families = completeness === 'partial' && hasPorts(bucket)
        ? CLIENT_FAMILIES.filter((f) => c.allowed.covers(IntervalSet.range(PORTS, f.lo, f.hi))).map((f) => f.name)
        : []
      const key = `${completeness}|${families.join(',')}|${c.allows.map((e) => `${e.family}:${e.n}`).join(',')}`
      return { set: c.set, completeness, families, allows: c.allows, deny: c.deny, key }
    })
    this.returns.set(key, out)
    return out
  }
}
