import type { Severity } from '../schemas/severity.ts'

/**
 * The one catalogue of ports that matter when the internet can open them (aws-network-semantics.md
 * §7), used by exposure, findings and diff alike, so that `check` and `check --against` grade the
 * same opening the same way. Each port has one class (the finding that names it) and the severity of
 * opening it to a broad part of the internet; from narrow sources everything is `low`.
 *
 * Reconciled from the two catalogues this replaces (the diff's and the analysis's):
 * - tcp/445 (SMB) is critical (it was high in the analysis): wormable remote code execution
 *   (EternalBlue, WannaCry) and file shares; it is never meant for the internet. It stays in the
 *   Security Hub EC2.19 class.
 * - 9092 (Kafka) is critical (it was high in the diff): brokers listen PLAINTEXT without
 *   authentication by default and hold the data; §7 lists it among the data stores.
 * - 80 and 443 are low (the diff said medium, the analysis info): a web server is what they are
 *   for, but each one is attack surface a reviewer should see listed; never `info`, which means
 *   "tightens or does not matter".
 * - 111 (portmapper) is high (critical in the diff, unlisted in the analysis): it maps NFS and other
 *   RPC services and amplifies UDP floods, but gives no shell or data by itself. NFS (2049) is high
 *   for the same reason (exports are still checked by the server).
 * - Container and cluster control planes without authentication by default are critical (Docker
 *   plaintext 2375, kubelet 10250, etcd 2379/2380, which holds Kubernetes secrets); those that
 *   authenticate by default (Docker TLS 2376, the Kubernetes API 6443) are high.
 */
export type PortClass = 'admin' | 'database' | 'high-risk' | 'infrastructure' | 'web'

export interface CatalogPort { port: number; service: string; class: PortClass; severity: Severity }

const entries = (cls: PortClass, severity: Severity, list: Record<number, string>): CatalogPort[] =>
  Object.entries(list).map(([port, service]) => ({ port: Number(port), service, class: cls, severity }))

export const PORT_CATALOG: readonly CatalogPort[] = [
  // A remote shell or desktop: one weak password away from the host.
  ...entries('admin', 'critical', { 22: 'SSH', 23: 'Telnet', 3389: 'RDP', 5900: 'VNC', 5985: 'WinRM', 5986: 'WinRM (TLS)' }),
  // Data stores and caches, many without authentication by default.
  ...entries('database', 'critical', {
    1433: 'SQL Server', 1434: 'SQL Server browser', 1521: 'Oracle', 2483: 'Oracle', 2484: 'Oracle (TLS)', 3306: 'MySQL',
    5432: 'PostgreSQL', 5601: 'Kibana', 5984: 'CouchDB', 6379: 'Redis', 7000: 'Cassandra inter-node', 7001: 'Cassandra inter-node (TLS)',
    7199: 'Cassandra JMX', 8086: 'InfluxDB', 8888: 'Cassandra OpsCenter', 9042: 'Cassandra', 9092: 'Kafka', 9160: 'Cassandra Thrift',
    9200: 'Elasticsearch', 9300: 'Elasticsearch transport', 11211: 'Memcached', 27017: 'MongoDB', 27018: 'MongoDB shard',
    2379: 'etcd', 2380: 'etcd peer',
  }),
  ...entries('high-risk', 'critical', { 445: 'SMB' }),
  // Security Hub EC2.19 "high-risk" ports that are neither admin nor database ports.
  ...entries('high-risk', 'high', {
    20: 'FTP data', 21: 'FTP', 25: 'SMTP', 110: 'POP3', 135: 'Windows RPC', 143: 'IMAP', 3000: 'development servers', 4333: 'mSQL',
    5000: 'development servers', 5500: 'VNC listener', 8080: 'HTTP proxy / app servers', 8088: 'Hadoop YARN',
  }),
  ...entries('infrastructure', 'critical', { 2375: 'Docker API (plaintext)', 10250: 'kubelet' }),
  // Directory, name, file and cluster services: meant for the inside of a network.
  ...entries('infrastructure', 'high', {
    53: 'DNS', 88: 'Kerberos', 111: 'portmapper', 137: 'NetBIOS name', 138: 'NetBIOS datagram', 139: 'NetBIOS session', 389: 'LDAP',
    464: 'Kerberos password', 636: 'LDAP (TLS)', 749: 'Kerberos admin', 2049: 'NFS', 2376: 'Docker API (TLS)', 6443: 'Kubernetes API',
  }),
  ...entries('web', 'low', { 80: 'HTTP', 443: 'HTTPS' }),
]

const BY_PORT = new Map(PORT_CATALOG.map((e) => [e.port, e]))

export const catalogPort = (port: number): CatalogPort | undefined => BY_PORT.get(port)

/** The catalogue's ports of one class, ascending. */
export const portsOfClass = (cls: PortClass): number[] =>
  PORT_CATALOG.filter((e) => e.class === cls).map((e) => e.port).sort((a, b) => a - b)

/** The catalogue entries within [lo, hi], ascending. */
export function catalogPortsIn(lo: number, hi: number): CatalogPort[] {
  return PORT_CATALOG.filter((e) => e.port >= lo && e.port <= hi).sort((a, b) => a.port - b.port)
}
