/**
 * IP protocols as AWS writes them (aws-network-semantics.md §1.2): security-group rules say `tcp` or
 * `6`, NACL entries always numbers, `-1` means every protocol. One number and one name per protocol,
 * whatever the source wrote.
 */
export const ALL = -1
export const TCP = 6
export const UDP = 17
export const ICMP = 1
export const ICMPV6 = 58

const NUMBERS: Record<string, number> = { '-1': ALL, all: ALL, tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6 }
const NAMES: Record<number, string> = { [ALL]: 'all', [TCP]: 'tcp', [UDP]: 'udp', [ICMP]: 'icmp', [ICMPV6]: 'icmpv6' }

/** `'tcp'`, `'6'`, `'-1'`, `'all'` (absent: every protocol) → number; undefined for text that is neither a name nor 0..255. */
export function protocolNumber(text: string | undefined): number | undefined {
  if (text === undefined) return ALL
  const lower = text.toLowerCase()
  if (lower in NUMBERS) return NUMBERS[lower]
  if (!/^(0|[1-9][0-9]{0,2})$/.test(lower)) return undefined
  const n = Number(lower)
  return n <= 255 ? n : undefined
}

/**
 * The one name reports use: `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the number as text (`50`).
 * Accepts a number or AWS's text; text that is not a protocol is returned as written.
 */
export function protocolName(p: number | string | undefined): string {
  const n = typeof p === 'number' ? p : protocolNumber(p)
  if (n === undefined) return String(p)
  return NAMES[n] ?? String(n)
}

/** TCP and UDP have ports; every other protocol matches whatever range a rule gives (§1.2). */
export const hasPorts = (protocol: string) => protocol === 'tcp' || protocol === 'udp'
export const isIcmpName = (protocol: string) => protocol === 'icmp' || protocol === 'icmpv6'
