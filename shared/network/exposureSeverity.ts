import type { Severity } from '../schemas/severity.ts'
import { severityRank } from '../severityOrder.ts'
import { type Breadth, isWide } from './breadth.ts'
import { catalogPortsIn } from './portCatalog.ts'
import { hasPorts, isIcmpName } from './protocols.ts'

/** More ports than this in one range is a range nobody means to expose one by one. */
export const WIDE_PORT_RANGE = 1000

/**
 * The severity of the internet (`breadth` of it) being able to open (protocol, ports), for exposure,
 * findings and diff alike. From a world or broad source: the most severe catalogue port in the range;
 * a range of more than 1000 ports or a protocol without ports (GRE, ESP, `other`) at least high;
 * any other port medium; ICMP low. From narrow or single sources: low. From no internet address
 * (private ranges only): info. `all` is TCP and UDP on every port, so it contains SSH: critical.
 */
export function exposureSeverity(protocol: string, lo: number, hi: number, breadth: Breadth): Severity {
  if (breadth === 'none') return 'info'
  if (!isWide(breadth)) return 'low'
  if (isIcmpName(protocol)) return 'low'
  if (protocol !== 'all' && !hasPorts(protocol)) return 'high'
  const [a, b] = protocol === 'all' ? [0, 65535] : [lo, hi]
  let worst: Severity = b - a + 1 > WIDE_PORT_RANGE ? 'high' : 'medium'
  const listed = catalogPortsIn(a, b)
  for (const e of listed) if (severityRank(e.severity) < severityRank(worst)) worst = e.severity
  // Only web ports in the range (80, 443, 80-443 is not): what a web server is for.
  if (listed.length === b - a + 1 && listed.every((e) => e.class === 'web')) return 'low'
  return worst
}
