import { IntervalSet, IPV4, IPV6 } from './IntervalSet.ts'
import { formatIpv4, formatIpv6, parseCidr } from '../../shared/network/index.ts'

/**
 * A set of IPv4 and IPv6 addresses: one interval set per family. Packets only ever meet rules of
 * their own family, so the two halves never mix; keeping them together saves doing everything twice.
 */
export class AddressSet {
  constructor(readonly v4: IntervalSet<number>, readonly v6: IntervalSet<bigint>) {}

  static readonly EMPTY = new AddressSet(IntervalSet.empty(IPV4), IntervalSet.empty(IPV6))
  static readonly ALL = new AddressSet(IntervalSet.all(IPV4), IntervalSet.all(IPV6))
  static readonly ALL4 = new AddressSet(IntervalSet.all(IPV4), IntervalSet.empty(IPV6))
  static readonly ALL6 = new AddressSet(IntervalSet.empty(IPV4), IntervalSet.all(IPV6))

  /** CIDRs or bare addresses; text that does not parse is ignored (callers validate and warn). */
  static fromCidrs(cidrs: Iterable<string>): AddressSet {
    const r4: Array<[number, number]> = []
    const r6: Array<[bigint, bigint]> = []
    for (const c of cidrs) {
      const p = parseCidr(c)
      if (!p) continue
      if (p.family === 4) r4.push([p.lo, p.hi])
      else r6.push([p.lo, p.hi])
    }
    return new AddressSet(IntervalSet.fromRanges(IPV4, r4), IntervalSet.fromRanges(IPV6, r6))
  }

  static fromCidr(cidr: string): AddressSet { return AddressSet.fromCidrs([cidr]) }

  isEmpty(): boolean { return this.v4.isEmpty() && this.v6.isEmpty() }
  union(o: AddressSet): AddressSet {
    if (o.isEmpty()) return this
    if (this.isEmpty()) return o
    return new AddressSet(this.v4.union(o.v4), this.v6.union(o.v6))
  }
  intersect(o: AddressSet): AddressSet {
    if (this.isEmpty()) return this
    if (o.isEmpty()) return o
    return new AddressSet(this.v4.intersect(o.v4), this.v6.intersect(o.v6))
  }
  subtract(o: AddressSet): AddressSet {
    if (this.isEmpty() || o.isEmpty()) return this
    return new AddressSet(this.v4.subtract(o.v4), this.v6.subtract(o.v6))
  }
  equals(o: AddressSet): boolean { return this.v4.equals(o.v4) && this.v6.equals(o.v6) }
  covers(o: AddressSet): boolean { return this.v4.covers(o.v4) && this.v6.covers(o.v6) }
  onlyV4(): AddressSet { return this.v6.isEmpty() ? this : new AddressSet(this.v4, IntervalSet.empty(IPV6)) }
  onlyV6(): AddressSet { return this.v4.isEmpty() ? this : new AddressSet(IntervalSet.empty(IPV4), this.v6) }
  key(): string { return `${this.v4.key()}|${this.v6.key()}` }

  /** The fewest CIDR blocks that make up the set, IPv4 first, each family in address order. */
  toCidrs(): string[] {
    return this.toBlocks().map((b) => b.text)
  }

  /** The same blocks with their bounds. */
  toBlocks(): CidrBlock[] {
    const out: CidrBlock[] = []
    for (const [lo, hi] of this.v4.ranges()) {
      for (const [start, size, prefix] of splitRange4(lo, hi)) out.push({ family: 4, lo: start, hi: start + size - 1, text: `${formatIpv4(start)}/${prefix}` })
    }
    for (const [lo, hi] of this.v6.ranges()) {
      for (const [start, size, prefix] of splitRange6(lo, hi)) out.push({ family: 6, lo: start, hi: start + size - 1n, text: `${formatIpv6(start)}/${prefix}` })
    }
    return out
  }
}

export type CidrBlock = { family: 4; lo: number; hi: number; text: string } | { family: 6; lo: bigint; hi: bigint; text: string }

/** [lo, hi] as aligned blocks, largest first from the left: at most 2·32 blocks per range. */
function splitRange4(lo: number, hi: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  let cur = lo
  while (cur <= hi) {
    const align = cur === 0 ? 2 ** 32 : ((cur & -cur) >>> 0) || 2 ** 32
    const room = hi - cur + 1
    const fit = room >= 2 ** 32 ? 2 ** 32 : 2 ** (31 - Math.clz32(room))
    const size = Math.min(align, fit)
    out.push([cur, size, 32 - Math.log2(size)])
    cur += size
  }
  return out
}

function splitRange6(lo: bigint, hi: bigint): Array<[bigint, bigint, number]> {
  const out: Array<[bigint, bigint, number]> = []
  let cur = lo
  while (cur <= hi) {
    const align = cur === 0n ? 1n << 128n : cur & -cur
    const room = hi - cur + 1n
    const fit = 1n << BigInt(room.toString(2).length - 1)
    const size = align < fit ? align : fit
    out.push([cur, size, 128 - (size.toString(2).length - 1)])
    cur += size
  }
  return out
}
