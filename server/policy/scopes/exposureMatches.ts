import type { Exposure } from '../../../shared/index.ts'
import { protocolNumber } from '../../analysis/protocols.ts'

/**
 * Whether an exposure concerns `protocol` (undefined: any) and ports overlapping `range` (undefined:
 * any). `all` exposures cover every protocol and port; `other` every protocol it does not list apart.
 */
export function exposureMatches(e: Exposure, protocol: string | undefined, range: [number, number] | undefined): boolean {
  if (protocol !== undefined && protocol !== 'all' && e.protocol !== protocol && e.protocol !== 'all') {
    if (e.protocol !== 'other') return false
    if ((e.otherExcept ?? []).includes(protocolNumber(protocol) ?? -1)) return false
  }
  if (range === undefined) return true
  if (e.protocol === 'tcp' || e.protocol === 'udp') return e.ports[0] <= range[1] && e.ports[1] >= range[0]
  if (e.protocol === 'icmp' || e.protocol === 'icmpv6') return protocol === e.protocol && e.ports[0] <= range[1] && e.ports[1] >= range[0]
  return true // all, other, or a protocol number: every port
}

/** `tcp 22`, `tcp 8000-8100`, `all` */
export function portsLabel(protocol: string, ports: [number, number]): string {
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp' && protocol !== 'icmpv6') return protocol === 'all' ? 'all traffic' : `protocol ${protocol}`
  return `${protocol} ${ports[0] === ports[1] ? ports[0] : `${ports[0]}-${ports[1]}`}`
}
