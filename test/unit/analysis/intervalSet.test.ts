import { describe, expect, it } from 'vitest'
import { AddressSet } from '../../../server/analysis/AddressSet.ts'
import { IntervalSet, IPV4, IPV6, PORTS } from '../../../server/analysis/IntervalSet.ts'
import { formatIpv6, parseCidr, parseIpv4, parseIpv6 } from '../../../shared/network/index.ts'
import { INTERNET } from '../../../server/analysis/internetSpace.ts'
import { sourceCidrs } from '../../../server/analysis/sourceCidrs.ts'
import { mulberry32 as rng } from '../../support/mulberry32.ts'

const ports = (...r: Array<[number, number]>) => IntervalSet.fromRanges(PORTS, r)


describe('IntervalSet', () => {
  it('normalizes overlapping and adjacent ranges', () => {
    expect(ports([5, 9], [1, 3], [4, 4], [20, 30], [25, 26]).ranges()).toEqual([[1, 9], [20, 30]])
    expect(ports([3, 1]).isEmpty()).toBe(true)
  })

  it('unions, intersects, subtracts and complements', () => {
    const a = ports([0, 10], [20, 30]), b = ports([5, 25])
    expect(a.union(b).ranges()).toEqual([[0, 30]])
    expect(a.intersect(b).ranges()).toEqual([[5, 10], [20, 25]])
    expect(a.subtract(b).ranges()).toEqual([[0, 4], [26, 30]])
    expect(b.subtract(a).ranges()).toEqual([[11, 19]])
    expect(a.complement().ranges()).toEqual([[11, 19], [31, 65535]])
    expect(IntervalSet.all(PORTS).subtract(ports([0, 65535])).isEmpty()).toBe(true)
    expect(ports([0, 65535]).subtract(ports([0, 0], [65535, 65535])).ranges()).toEqual([[1, 65534]])
  })

  it('agrees with a per-element model on random sets', () => {
    const rand = rng(7)
    const domain = { name: 'small', min: 0, max: 63, one: 1 }
    for (let i = 0; i < 500; i++) {
      const mk = () => {
        const rs: Array<[number, number]> = []
        for (let k = Math.floor(rand() * 4); k > 0; k--) { const lo = Math.floor(rand() * 64); rs.push([lo, Math.min(63, lo + Math.floor(rand() * 10))]) }
        return IntervalSet.fromRanges(domain, rs)
      }
      const a = mk(), b = mk()
      const has = (s: IntervalSet<number>, x: number) => s.contains(x)
      for (let x = 0; x < 64; x++) {
        expect(has(a.union(b), x)).toBe(has(a, x) || has(b, x))
        expect(has(a.intersect(b), x)).toBe(has(a, x) && has(b, x))
        expect(has(a.subtract(b), x)).toBe(has(a, x) && !has(b, x))
        expect(has(a.complement(), x)).toBe(!has(a, x))
      }
      expect(a.union(b).size()).toBe(BigInt([...Array(64).keys()].filter((x) => has(a, x) || has(b, x)).length))
    }
  })

  it('works over the full IPv6 range with bigints', () => {
    const all = IntervalSet.all(IPV6)
    const doc = IntervalSet.range(IPV6, parseIpv6('2001:db8::')!, parseIpv6('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')!)
    expect(all.subtract(doc).rangeCount).toBe(2)
    expect(all.subtract(doc).size()).toBe((1n << 128n) - (1n << 96n))
    expect(IntervalSet.all(IPV4).size()).toBe(1n << 32n)
  })
})

describe('addresses and CIDRs', () => {
  it('parses and formats IPv4 and IPv6', () => {
    expect(parseIpv4('10.0.1.255')).toBe(167772671)
    expect(parseIpv4('256.0.0.1')).toBeUndefined()
    expect(formatIpv6(parseIpv6('2600:1F18:0:0:0:0:0:10')!)).toBe('2600:1f18::10')
    expect(parseIpv6('::ffff:1.2.3.4')).toBe(0xffff01020304n)
    expect(parseIpv6('1::2::3')).toBeUndefined()
    expect(parseCidr('10.0.1.7/24')).toEqual({ family: 4, lo: 167772416, hi: 167772671, prefix: 24 , hostBitsSet: true })
    expect(parseCidr('10.0.0.0/33')).toBeUndefined()
  })

  it('writes sets as the fewest CIDRs', () => {
    expect(AddressSet.fromCidrs(['10.0.0.0/25', '10.0.0.128/25', '2a00::/16']).toCidrs()).toEqual(['10.0.0.0/24', '2a00::/16'])
    expect(AddressSet.fromCidrs(['0.0.0.0/0']).subtract(AddressSet.fromCidr('128.0.0.0/1')).toCidrs()).toEqual(['0.0.0.0/1'])
  })

  it('internet space leaves out private and special ranges, and reads back as 0.0.0.0/0 and ::/0', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.1.1', '224.0.0.1', '2001:db8::1', 'fe80::1']) {
      expect(INTERNET.covers(AddressSet.fromCidr(ip))).toBe(false)
    }
    for (const ip of ['8.8.8.8', '81.2.69.1', '2a00:1450::1']) expect(INTERNET.covers(AddressSet.fromCidr(ip))).toBe(true)
    expect(sourceCidrs(INTERNET)).toEqual(['0.0.0.0/0', '::/0'])
    expect(sourceCidrs(INTERNET.intersect(AddressSet.fromCidr('81.2.69.0/24')))).toEqual(['81.2.69.0/24'])
  })
})
