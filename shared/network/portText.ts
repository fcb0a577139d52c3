import { hasPorts, isIcmpName } from './protocols.ts'

/**
 * Ports as people read them. AWS writes "all ports" as -1 or as an absent FromPort/ToPort, and ICMP
 * type/code in the same two fields (§1.2), so every report formats them here.
 */

/** `22`, `8000-8100`, `all` for [0, 65535]. */
export function portRangeText(from: number, to: number): string {
  if (from === 0 && to === 65535) return 'all'
  return from === to ? String(from) : `${from}-${to}`
}

/**
 * A rule's ports from AWS's fields: `22`, `1024-65535`, `all`; for ICMP `type 8`, `type 3 code 4`
 * or `all`; `all` for protocols without ports.
 */
export function portText(protocol: string, from: number | undefined, to: number | undefined): string {
  if (isIcmpName(protocol)) {
    if (from === undefined || from === -1) return 'all'
    return to === undefined || to === -1 ? `type ${from}` : `type ${from} code ${to}`
  }
  if (!hasPorts(protocol)) return 'all'
  const lo = from === undefined || from === -1 ? 0 : from
  const hi = to === undefined || to === -1 ? 65535 : to
  return portRangeText(lo, hi)
}
