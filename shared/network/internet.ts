import { parseCidr } from './parseCidr.ts'

/**
 * One definition of "the internet" as a source of packets (aws-network-semantics.md §10), used by
 * analysis, diff, findings and the web app alike.
 *
 * - `0.0.0.0/0` and `::/0` are "the world" as people write it in rules.
 * - The internet itself is global unicast space: IPv4 minus the blocks below, IPv6 `2000::/3` minus
 *   documentation space. An internet gateway never delivers packets from private (RFC 1918) or shared
 *   (RFC 6598) sources, and the other blocks are not routed on the internet, so a rule that admits
 *   `0.0.0.0/1` and one that admits `128.0.0.0/1` admit exactly what `0.0.0.0/0` admits.
 */
export const WORLD_IPV4 = '0.0.0.0/0'
export const WORLD_IPV6 = '::/0'

/** Address blocks an internet gateway never delivers from: private, shared, loopback, documentation, multicast… */
export const NON_INTERNET_IPV4: readonly string[] = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
]
/** Global unicast IPv6 (everything else is link-local, unique-local, multicast or unassigned). */
export const INTERNET_IPV6 = '2000::/3'
export const NON_INTERNET_IPV6: readonly string[] = ['2001:db8::/32']

/** `0.0.0.0/0` or `::/0` (any spelling: `0.0.0.0/0`, `::/0`, `0::0/0`). */
export function isWorldCidr(text: string): boolean {
  return parseCidr(text, { requirePrefix: true })?.prefix === 0
}

/** An inclusive range of addresses of one family. */
export type Range = [bigint, bigint]

/** Sorted, non-overlapping, non-adjacent ranges of the blocks of one family (non-CIDRs ignored). */
function rangesOf(cidrs: readonly string[], family: 4 | 6): Range[] {
  const list: Range[] = []
  for (const c of cidrs) {
    const p = parseCidr(c)
    if (p && p.family === family) list.push([BigInt(p.lo), BigInt(p.hi)])
  }
  list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const out: Range[] = []
  for (const r of list) {
    const last = out[out.length - 1]
    if (last && r[0] <= last[1] + 1n) { if (r[1] > last[1]) last[1] = r[1] } else out.push([r[0], r[1]])
  }
  return out
}

function subtract(a: Range[], b: Range[]): Range[] {
  const out: Range[] = []
  for (const [lo0, hi] of a) {
    let lo = lo0
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue
      if (blo > lo) out.push([lo, blo - 1n])
      lo = bhi + 1n
      if (lo > hi) break
    }
    if (lo <= hi) out.push([lo, hi])
  }
  return out
}

function intersect(a: Range[], b: Range[]): Range[] {
  const out: Range[] = []
  let i = 0, j = 0
  while (i < a.length && j < b.length) {
    const lo = a[i]![0] > b[j]![0] ? a[i]![0] : b[j]![0]
    const hi = a[i]![1] < b[j]![1] ? a[i]![1] : b[j]![1]
    if (lo <= hi) out.push([lo, hi])
    if (a[i]![1] < b[j]![1]) i++
    else j++
  }
  return out
}

const size = (rs: Range[]) => rs.reduce((n, [lo, hi]) => n + hi - lo + 1n, 0n)

const INTERNET_RANGES = {
  4: subtract(rangesOf([WORLD_IPV4], 4), rangesOf(NON_INTERNET_IPV4, 4)),
  6: subtract(rangesOf([INTERNET_IPV6], 6), rangesOf(NON_INTERNET_IPV6, 6)),
}

/** How many internet addresses there are (IPv4: 3,702,258,688). */
export const INTERNET_V4_SIZE = size(INTERNET_RANGES[4])
export const INTERNET_V6_SIZE = size(INTERNET_RANGES[6])

export interface InternetCount { v4: bigint; v6: bigint }

/** How many internet addresses a set of CIDRs holds (overlaps counted once; private space not at all). */
export function internetAddressCount(cidrs: readonly string[]): InternetCount {
  return {
    v4: size(intersect(rangesOf(cidrs, 4), INTERNET_RANGES[4])),
    v6: size(intersect(rangesOf(cidrs, 6), INTERNET_RANGES[6])),
  }
}

/** The internet addresses, per family, that a set of CIDRs does NOT hold, as ranges (for "the internet except …"). */
export function internetMissing(cidrs: readonly string[]): { v4: Range[]; v6: Range[] } {
  return { v4: subtract(INTERNET_RANGES[4], rangesOf(cidrs, 4)), v6: subtract(INTERNET_RANGES[6], rangesOf(cidrs, 6)) }
}
