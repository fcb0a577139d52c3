import type { Severity } from '../../shared/index.ts'
import type { PortRange } from '../../shared/index.ts'

/**
 * Ports whose exposure to the whole internet is an incident on its own: remote administration,
 * databases, caches, container daemons, file sharing.
 */
const CRITICAL_PORTS = [
  22, 23, 3389, 5900, 5985, 5986, // ssh, telnet, rdp, vnc, winrm
  1433, 1521, 3306, 5432, 27017, 27018, 6379, 11211, 9042, 7000, 7001, 5984, 8086, // databases, caches
  9200, 9300, 5601, // elasticsearch, kibana
  2375, 2376, 2379, 2380, 10250, 6443, // docker, etcd, kubelet, kubernetes api
  135, 137, 138, 139, 445, 2049, 111, // windows rpc/smb, nfs, portmap
]
/** Ports a web-facing service is expected to open. */
const WEB_PORTS = [80, 443]

/**
 * Severity of opening (protocol, ports) to the whole internet: critical for administration and data
 * ports or all ports, medium for plain web ports, high for anything else.
 */
export function portSeverity(protocol: string, ports: PortRange): Severity {
  if (protocol === 'all') return 'critical'
  if (protocol === 'icmp' || protocol === 'icmpv6') return 'low'
  if (protocol !== 'tcp' && protocol !== 'udp') return 'high'
  if (ports.to - ports.from >= 1000) return 'critical'
  if (CRITICAL_PORTS.some((p) => p >= ports.from && p <= ports.to)) return 'critical'
  if (ports.from === ports.to && WEB_PORTS.includes(ports.from)) return 'medium'
  return 'high'
}
