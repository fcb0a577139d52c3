/**
 * Sorted, disjoint, non-adjacent closed intervals over one integer domain: IPv4 addresses (numbers,
 * 0..2^32-1), IPv6 addresses (bigint, 0..2^128-1) or ports (0..65535). Immutable; union, intersection
 * and difference are single linear merges, so a policy over hundreds of rules stays cheap.
 */
export interface Domain<T extends number | bigint> {
  readonly name: string
  readonly min: T
  readonly max: T
  readonly one: T
}

export const IPV4: Domain<number> = { name: 'ipv4', min: 0, max: 2 ** 32 - 1, one: 1 }
export const IPV6: Domain<bigint> = { name: 'ipv6', min: 0n, max: (1n << 128n) - 1n, one: 1n }
export const PORTS: Domain<number> = { name: 'ports', min: 0, max: 65535, one: 1 }

// Generic arithmetic: T is number or bigint, never mixed within one set.
const add = <T extends number | bigint>(a: T, b: T): T => ((a as number) + (b as number)) as T
const sub = <T extends number | bigint>(a: T, b: T): T => ((a as number) - (b as number)) as T

export class IntervalSet<T extends number | bigint> {
  /** Flat [lo0, hi0, lo1, hi1, …], sorted; hi(i) + 1 < lo(i+1). */
  private constructor(readonly domain: Domain<T>, readonly bounds: readonly T[]) {}

  static empty<T extends number | bigint>(domain: Domain<T>): IntervalSet<T> {
    return new IntervalSet(domain, [])
  }

  static all<T extends number | bigint>(domain: Domain<T>): IntervalSet<T> {
    return new IntervalSet(domain, [domain.min, domain.max])
  }

  static range<T extends number | bigint>(domain: Domain<T>, lo: T, hi: T): IntervalSet<T> {
    if (lo > hi) return new IntervalSet(domain, [])
    return new IntervalSet(domain, [lo < domain.min ? domain.min : lo, hi > domain.max ? domain.max : hi])
  }

  /** Any ranges, overlapping or unsorted. */
  static fromRanges<T extends number | bigint>(domain: Domain<T>, ranges: Iterable<readonly [T, T]>): IntervalSet<T> {
    const list = [...ranges].filter(([lo, hi]) => lo <= hi).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    const out: T[] = []
    for (const [lo, hi] of list) {
      const n = out.length
      if (n > 0 && lo <= add(out[n - 1], domain.one)) {
        if (hi > out[n - 1]) out[n - 1] = hi
      } else out.push(lo, hi)
    }
    return new IntervalSet(domain, out)
  }

  isEmpty(): boolean { return this.bounds.length === 0 }
  isAll(): boolean { return this.bounds.length === 2 && this.bounds[0] === this.domain.min && this.bounds[1] === this.domain.max }

  /** Number of disjoint ranges. */
  get rangeCount(): number { return this.bounds.length / 2 }

  ranges(): Array<[T, T]> {
    const out: Array<[T, T]> = []
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i], this.bounds[i + 1]])
    return out
  }

  /** How many values the set holds, as a bigint (IPv6 sizes do not fit a number). */
  size(): bigint {
    let n = 0n
    for (let i = 0; i < this.bounds.length; i += 2) n += BigInt(this.bounds[i + 1]) - BigInt(this.bounds[i]) + 1n
    return n
  }

  contains(x: T): boolean {
    const b = this.bounds
    let lo = 0, hi = b.length / 2 - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (x < b[2 * mid]) hi = mid - 1
      else if (x > b[2 * mid + 1]) lo = mid + 1
      else return true
    }
    return false
  }

  /** True when some value of [lo, hi] is in this set. */
  overlaps(lo: T, hi: T): boolean {
    const b = this.bounds
    let a = 0, z = b.length / 2 - 1
    while (a <= z) {
      const mid = (a + z) >> 1
      if (b[2 * mid + 1] < lo) a = mid + 1
      else if (b[2 * mid] > hi) z = mid - 1
      else return true
    }
    return false
  }

  /** True when every value of `other` is in this set. */
  covers(other: IntervalSet<T>): boolean { return other.subtract(this).isEmpty() }

  intersects(other: IntervalSet<T>): boolean { return !this.intersect(other).isEmpty() }

  equals(other: IntervalSet<T>): boolean {
    const a = this.bounds, b = other.bounds
    if (a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
    return true
  }

  union(other: IntervalSet<T>): IntervalSet<T> {
    if (other.bounds.length === 0) return this
    if (this.bounds.length === 0) return other
    const a = this.bounds, b = other.bounds, one = this.domain.one
    const out: T[] = []
    let i = 0, j = 0
    while (i < a.length || j < b.length) {
      let lo: T, hi: T
      if (j >= b.length || (i < a.length && a[i] <= b[j])) { lo = a[i]; hi = a[i + 1]; i += 2 } else { lo = b[j]; hi = b[j + 1]; j += 2 }
      const n = out.length
      if (n > 0 && lo <= add(out[n - 1], one)) {
        if (hi > out[n - 1]) out[n - 1] = hi
      } else out.push(lo, hi)
    }
    return new IntervalSet(this.domain, out)
  }

  intersect(other: IntervalSet<T>): IntervalSet<T> {
    const a = this.bounds, b = other.bounds
    if (a.length === 0) return this
    if (b.length === 0) return other
    const out: T[] = []
    let i = 0, j = 0
    while (i < a.length && j < b.length) {
      const lo = a[i] > b[j] ? a[i] : b[j]
      const hi = a[i + 1] < b[j + 1] ? a[i + 1] : b[j + 1]
      if (lo <= hi) out.push(lo, hi)
      if (a[i + 1] < b[j + 1]) i += 2
      else j += 2
    }
    return new IntervalSet(this.domain, out)
  }

  subtract(other: IntervalSet<T>): IntervalSet<T> {
    const a = this.bounds, b = other.bounds, one = this.domain.one
    if (a.length === 0 || b.length === 0) return this
    const out: T[] = []
    let j = 0
    for (let i = 0; i < a.length; i += 2) {
      let lo = a[i]
      const hi = a[i + 1]
      while (j < b.length && b[j + 1] < lo) j += 2
      let k = j
      while (k < b.length && b[k] <= hi) {
        if (b[k] > lo) out.push(lo, sub(b[k], one))
        if (b[k + 1] >= hi) { lo = add(hi, one); break }
        lo = add(b[k + 1], one)
        k += 2
      }
      if (lo <= hi) out.push(lo, hi)
    }
    return new IntervalSet(this.domain, out)
  }

  complement(): IntervalSet<T> { return IntervalSet.all(this.domain).subtract(this) }

  /** Stable text form, for cache keys and signatures. */
  key(): string { return this.bounds.join(',') }
}
