import { protocolName } from '../../shared/network/index.ts'

/**
 * A rule's protocol and ports as the Security view labels them: `tcp/22`, `tcp/8000-8100`, `tcp/all`,
 * `udp/53`, `icmp/8` (ICMP type; `icmp/3:4` with a code), `icmp/all`, `all`, `proto/50`.
 */
export function portLabel(protocol: string | undefined, from?: number, to?: number): string {
  const name = protocolName(protocol)
  if (name === 'all') return 'all'
  if (name === 'tcp' || name === 'udp') {
    if (from === undefined || from < 0 || (from <= 0 && (to ?? 65535) >= 65535)) return `${name}/all`
    return to === undefined || to === from || to < 0 ? `${name}/${from}` : `${name}/${from}-${to}`
  }
  if (name === 'icmp' || name === 'icmpv6') {
    if (from === undefined || from < 0) return `${name}/all`
    return to === undefined || to < 0 ? `${name}/${from}` : `${name}/${from}:${to}`
  }
  return `proto/${name}`
}

/** Sort key of a label: all first, then tcp, udp, icmp, others; by first port within a protocol. */
export function portLabelOrder(a: string, b: string): number {
  const rank = (l: string) => (l === 'all' ? 0 : l.startsWith('tcp/') ? 1 : l.startsWith('udp/') ? 2 : l.startsWith('icmp') ? 3 : 4)
  const first = (l: string) => {
    const n = Number.parseInt(l.slice(l.indexOf('/') + 1), 10)
    return Number.isNaN(n) ? -1 : n
  }
  return rank(a) - rank(b) || first(a) - first(b) || (a < b ? -1 : a > b ? 1 : 0)
}
