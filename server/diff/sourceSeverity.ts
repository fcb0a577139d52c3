import type { PortRange, Severity } from '../../shared/index.ts'
import { isPrivateCidr, isWorldCidr, parseCidr, prefixLength } from './cidrRelations.ts'
import { portSeverity } from './portSeverity.ts'
import { capSeverity } from './severity.ts'

/**
 * How severe it is to let `source` reach (protocol, ports): the whole internet is graded by port;
 * a wide public range (/16 or wider for IPv4, /32 or wider for IPv6) at most medium; a narrower public
 * range or a prefix list low; private ranges info (the internet gateway drops such sources, §3.4).
 */
export function sourceSeverity(source: string, protocol: string, ports: PortRange): Severity {
  if (isWorldCidr(source)) return portSeverity(protocol, ports)
  const cidr = parseCidr(source)
  if (!cidr) return 'low'
  if (isPrivateCidr(source)) return 'info'
  const wide = cidr.v6 ? (prefixLength(source) ?? 128) <= 32 : (prefixLength(source) ?? 32) <= 16
  return wide ? capSeverity(portSeverity(protocol, ports), 'medium') : 'low'
}
