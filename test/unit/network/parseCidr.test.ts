import { describe, expect, it } from 'vitest'
import { cidrCovers, formatIpv4, formatIpv6, parseCidr, parseIp, parseIpv4, parseIpv6, readCidr } from '../../../shared/network/index.ts'

describe('addresses', () => {
  it('reads IPv4 strictly', () => {
    expect(parseIpv4('10.0.0.1')).toBe(167772161)
    expect(parseIpv4('255.255.255.255')).toBe(4294967295)
    expect(parseIpv4('456.456.456.456')).toBeUndefined()
    expect(parseIpv4('1.2.3')).toBeUndefined()
    expect(parseIpv4('1.2.3.4.5')).toBeUndefined()
    expect(parseIpv4('1.2.3.-4')).toBeUndefined()
    expect(parseIpv4('0x1.2.3.4')).toBeUndefined()
    // Octal or decimal? inet_aton reads 010 as 8: refused rather than guessed.
    expect(parseIpv4('010.0.0.1')).toBeUndefined()
    expect(parseIpv4('0.0.0.0')).toBe(0)
  })

  it('reads IPv6 strictly: `::` is at least one group, an IPv4 tail only at the end', () => {
    expect(parseIpv6('1:2:3:4:5:6:7::8')).toBeUndefined()
    expect(parseIpv6('1:2:3:4:5:6:7:8::')).toBeUndefined()
    expect(parseIpv6('1::2::3')).toBeUndefined()
    expect(parseIpv6(':1::')).toBeUndefined()
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeUndefined()
    expect(parseIpv6('12345::')).toBeUndefined()
    expect(parseIpv6('fe80::1%eth0')).toBeUndefined()
    expect(parseIpv6('1.2.3.4::')).toBeUndefined()
    expect(parseIpv6('::')).toBe(0n)
    expect(parseIpv6('1:2:3:4:5:6:7::')).toBe(0x0001000200030004000500060007_0000n)
    expect(parseIpv6('::ffff:1.2.3.4')).toBe(0xffff01020304n)
    expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toBe(0x000100020003000400050006_01020304n)
    expect(parseIpv6('2001:DB8::1')).toBe(0x20010db8_00000000_00000000_00000001n)
  })

  it('formats as RFC 5952 and round-trips', () => {
    expect(formatIpv6(parseIpv6('2001:0db8:0000:0000:0001:0000:0000:0001')!)).toBe('2001:db8::1:0:0:1')
    expect(formatIpv6(0n)).toBe('::')
    expect(formatIpv4(parseIpv4('192.168.1.20')!)).toBe('192.168.1.20')
    expect(parseIp('2600:1f18::5')).toEqual({ family: 6, value: 0x26001f18n << 96n | 5n })
    expect(parseIp('10.0.0.5')).toEqual({ family: 4, value: 167772165 })
  })
})

describe('parseCidr: one parser where there were three', () => {
  // Each case once disagreed between analysis/ipAddress, diff/cidrRelations and web/search/parseCidr.
  it.each([
    ['0.0.0.0/33'], ['456.456.456.456/32'], ['1:2:3:4:5:6:7::8/128'], ['10.0.0.0/'], ['10.0.0.0/1e1'],
    ['10.0.0.0/08'], ['10.0.0.0/8/1'], [' 10.0.0.0/8'], ['10.0.0.0/-1'], ['::/129'], ['010.0.0.0/8'], [''], ['pl-0123'],
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined()
  })

  it('says why, for import errors', () => {
    expect(readCidr('0.0.0.0/33')).toEqual({ ok: false, reason: '"0.0.0.0/33" has prefix length "33", not 0-32' })
    expect(readCidr('456.456.456.456/32')).toEqual({ ok: false, reason: '"456.456.456.456" is not an IPv4 address (456 is above 255)' })
    expect(readCidr('1:2:3:4:5:6:7::8/64')).toEqual({ ok: false, reason: '"1:2:3:4:5:6:7::8" is not an IPv6 address (9 groups instead of 8)' })
    expect(readCidr('10.0.0.1', { requirePrefix: true })).toEqual({ ok: false, reason: '"10.0.0.1" has no prefix length (/n)' })
  })

  it('masks host bits as AWS does, and says they were set', () => {
    expect(parseCidr('10.0.0.5/24')).toEqual({ family: 4, lo: 167772160, hi: 167772415, prefix: 24, hostBitsSet: true })
    expect(parseCidr('10.0.0.0/24')).toEqual({ family: 4, lo: 167772160, hi: 167772415, prefix: 24, hostBitsSet: false })
    expect(parseCidr('2600:1f18::1/56')).toEqual({ family: 6, lo: 0x26001f18n << 96n, hi: (0x26001f18n << 96n) + (1n << 72n) - 1n, prefix: 56, hostBitsSet: true })
  })

  it('reads a bare address as one address, and the whole spaces', () => {
    expect(parseCidr('10.0.0.5')).toEqual({ family: 4, lo: 167772165, hi: 167772165, prefix: 32, hostBitsSet: false })
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, lo: 0, hi: 4294967295, prefix: 0, hostBitsSet: false })
    expect(parseCidr('::/0')).toEqual({ family: 6, lo: 0n, hi: (1n << 128n) - 1n, prefix: 0, hostBitsSet: false })
    expect(parseCidr('::ffff:10.0.0.0/104')?.prefix).toBe(104)
  })

  it('covers by address, not by text; other sources cover only themselves', () => {
    expect(cidrCovers('81.2.0.0/16', '81.2.69.0/24')).toBe(true)
    expect(cidrCovers('81.2.69.0/24', '81.2.0.0/16')).toBe(false)
    expect(cidrCovers('0.0.0.0/0', '::/0')).toBe(false)
    expect(cidrCovers('2600::/16', '2600:1f18::/40')).toBe(true)
    expect(cidrCovers('pl-0123', 'pl-0123')).toBe(true)
    expect(cidrCovers('0.0.0.0/0', 'pl-0123')).toBe(false)
  })
})
