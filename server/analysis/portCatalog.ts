/** Port lists of the findings catalogue (aws-network-semantics.md §7). */
export const ADMIN_PORTS = [22, 23, 3389, 5900, 5985, 5986]
export const DATABASE_PORTS = [
  1433, 1434, 1521, 2483, 2484, 3306, 5432, 5601, 5984, 6379, 7199, 8086, 8888, 9042, 9092, 9160, 9200, 9300, 11211, 27017, 27018,
]
/** Security Hub EC2.19 "high-risk" ports. */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300]
/** Kerberos, LDAP, CIFS, NFS, Docker, Kubernetes, DNS. */
export const INFRA_PORTS = [53, 88, 139, 389, 445, 464, 636, 749, 2049, 2375, 2376, 6443, 10250]
export const WEB_PORTS = [80, 443]

export const portsIn = (list: readonly number[], lo: number, hi: number) => list.filter((p) => p >= lo && p <= hi)
