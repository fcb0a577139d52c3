import { IntervalSet, IPV4, IPV6 } from './IntervalSet.ts'
import { formatIpv4, formatIpv6, parseCidr } from './ipAddress.ts'

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
    const out: string[] = []
    for (const [lo, hi] of this.v4.ranges()) {
      for (const [start, prefix] of splitRange(BigInt(lo), BigInt(hi), 32)) out.push(`${formatIpv4(Number(start))}/${prefix}`)
    }
    for (const [lo, hi] of this.v6.ranges()) {
      for (const [start, prefix] of splitRange(lo, hi, 128)) out.push(`${formatIpv6(start)}/${prefix}`)
    }
    return out
  }
}

/** [lo, hi] as aligned blocks, largest first from the left: at most 2·bits blocks per range. */
function splitRange(lo: bigint, hi: bigint, bits: number): Array<[bigint, number]> {
  const out: Array<[bigint, number]> = []
  let cur = lo
  while (cur <= hi) {
    let size = 1n
    let prefix = bits
    // Grow the block while it stays aligned and inside the range.
    while (prefix > 0 && cur % (size * 2n) === 0n && cur + size * 2n - 1n <= hi) { size *= 2n; prefix-- }
    out.push([cur, prefix])
    cur += size
  }
  return out
}
