import { type Read, readIpv4, readIpv6 } from './ipAddress.ts'

/**
 * A CIDR block as its first and last address. `hostBitsSet`: the text had bits set beyond the
 * prefix (`10.0.0.5/24`); AWS accepts such a block in a rule and stores it masked (`10.0.0.0/24`),
 * so `lo` is the masked address and callers may warn.
 */
export type Cidr =
  | { family: 4; lo: number; hi: number; prefix: number; hostBitsSet: boolean }
  | { family: 6; lo: bigint; hi: bigint; prefix: number; hostBitsSet: boolean }

export interface CidrOptions {
  /** Refuse a bare address (`10.0.0.5`); by default it is a one-address block (/32, /128). */
  requirePrefix?: boolean
}

/** `a.b.c.d/n` or `x::/n` (or a bare address), strictly: a reason when it is not one. */
export function readCidr(text: string, options: CidrOptions = {}): Read<Cidr> {
  const slash = text.indexOf('/')
  const addr = slash < 0 ? text : text.slice(0, slash)
  const len = slash < 0 ? undefined : text.slice(slash + 1)
  if (len === undefined && options.requirePrefix) return { ok: false, reason: `${JSON.stringify(text)} has no prefix length (/n)` }
  const v6 = addr.includes(':')
  const width = v6 ? 128 : 32
  let prefix = width
  if (len !== undefined) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(len) || Number(len) > width) {
      return { ok: false, reason: `${JSON.stringify(text)} has prefix length ${JSON.stringify(len)}, not 0-${width}` }
    }
    prefix = Number(len)
  }
  if (v6) {
    const a = readIpv6(addr)
    if (!a.ok) return a
    const size = 1n << BigInt(128 - prefix)
    const lo = a.value - (a.value % size)
    return { ok: true, value: { family: 6, lo, hi: lo + size - 1n, prefix, hostBitsSet: lo !== a.value } }
  }
  const a = readIpv4(addr)
  if (!a.ok) return a
  const size = 2 ** (32 - prefix)
  const lo = a.value - (a.value % size)
  return { ok: true, value: { family: 4, lo, hi: lo + size - 1, prefix, hostBitsSet: lo !== a.value } }
}

export function parseCidr(text: string, options: CidrOptions = {}): Cidr | undefined {
  const r = readCidr(text, options)
  return r.ok ? r.value : undefined
}

/** Whether every address of `inner` lies in `outer` (same family). */
export function cidrInside(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.lo >= outer.lo && inner.hi <= outer.hi
}

/**
 * The same for text. Sources that are not CIDRs (prefix-list or group ids) cover only themselves.
 */
export function cidrCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true
  const o = parseCidr(outer)
  const i = parseCidr(inner)
  return !!o && !!i && cidrInside(i, o)
}
