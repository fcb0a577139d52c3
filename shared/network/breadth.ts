import { type InternetCount, internetAddressCount, INTERNET_V4_SIZE, INTERNET_V6_SIZE } from './internet.ts'

/**
 * How much of the internet a set of sources is (aws-network-semantics.md §10 phase D), by address
 * count of its internet part, after every rule's sources are merged:
 * - `world`: at least 99 % of the internet of one family (`0.0.0.0/0`, or `0.0.0.0/1` + `128.0.0.0/1`,
 *   or the internet minus a blocked /24);
 * - `broad`: more than a /16 of IPv4 (65,536 addresses) or a /32 of IPv6: thousands of strangers;
 * - `host`: one address; `narrow`: anything else;
 * - `none`: no internet address at all (private, documentation or multicast space only).
 */
export type Breadth = 'world' | 'broad' | 'narrow' | 'host' | 'none'

export function breadthOfCount(n: InternetCount): Breadth {
  if (n.v4 > 0n && n.v4 * 100n >= INTERNET_V4_SIZE * 99n) return 'world'
  if (n.v6 > 0n && n.v6 * 100n >= INTERNET_V6_SIZE * 99n) return 'world'
  if (n.v4 > 65536n || n.v6 > 1n << 96n) return 'broad'
  if (n.v4 + n.v6 === 1n) return 'host'
  return n.v4 + n.v6 === 0n ? 'none' : 'narrow'
}

/** The breadth of sources written as CIDRs (non-CIDR sources such as prefix-list ids are ignored). */
export function breadthOfCidrs(cidrs: readonly string[]): Breadth {
  return breadthOfCount(internetAddressCount(cidrs))
}

/** World and broad sources are graded by the port; narrow and host sources are someone known. */
export const isWide = (b: Breadth) => b === 'world' || b === 'broad'
