import type { Severity, Exposure } from '../../shared/index.ts'
import type { AddressSet } from './AddressSet.ts'
import { INTERNET_V4_SIZE, INTERNET_V6_SIZE } from './internetSpace.ts'
import { ADMIN_PORTS, DATABASE_PORTS, HIGH_RISK_PORTS, INFRA_PORTS, portsIn, WEB_PORTS } from './portCatalog.ts'

export type Breadth = Exposure['breadth']

/** How much of the internet a source set is (§10 phase D): world ≥ 99 %, broad > a /16 (IPv4) or a /32 (IPv6), host = one address. */
export function breadthOf(set: AddressSet): Breadth {
  const n4 = set.v4.size(), n6 = set.v6.size()
  if (n4 * 100n >= INTERNET_V4_SIZE * 99n && n4 > 0n) return 'world'
  if (n6 * 100n >= INTERNET_V6_SIZE * 99n && n6 > 0n) return 'world'
  if (n4 > 65536n || n6 > 1n << 96n) return 'broad'
  if (n4 + n6 === 1n) return 'host'
  return 'narrow'
}

/**
 * Severity of a real exposure: what the port is (admin, database, high-risk, infrastructure, web) and
 * how much of the internet reaches it. `protocol` all / other / a number means every port is open.
 */
export function exposureSeverity(protocol: string, lo: number, hi: number, breadth: Breadth): Severity {
  const wide = breadth === 'world' || breadth === 'broad'
  if (protocol === 'icmp' || protocol === 'icmpv6') return 'info'
  const portful = protocol === 'tcp' || protocol === 'udp'
  const [a, b] = portful ? [lo, hi] : [0, 65535]
  if (portsIn(ADMIN_PORTS, a, b).length || portsIn(DATABASE_PORTS, a, b).length) return wide ? 'critical' : 'low'
  if (!portful || b - a + 1 > 1000 || portsIn(HIGH_RISK_PORTS, a, b).length || portsIn(INFRA_PORTS, a, b).length) return wide ? 'high' : 'low'
  if (portsIn(WEB_PORTS, a, b).length === b - a + 1) return 'info'
  return wide ? 'medium' : 'low'
}
