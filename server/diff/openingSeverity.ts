import type { PortRange, Severity } from '../../shared/index.ts'
import { breadthOfCidrs, exposureSeverity } from '../../shared/network/index.ts'
import { maxSeverity } from '../../shared/severityOrder.ts'

/**
 * How severe it is to let `sources` open (protocol, ports): the shared catalogue, by the breadth of
 * the sources' internet part taken together (so `0.0.0.0/1` + `128.0.0.0/1` is the world). A source
 * whose addresses cannot be read (a prefix list that was not collected) is at least `low`.
 */
export function openingSeverity(protocol: string, ports: PortRange, sources: readonly string[], cidrsOf: (source: string) => readonly string[] | undefined): Severity {
  const cidrs: string[] = []
  let unknown = false
  for (const s of sources) {
    const c = cidrsOf(s)
    if (c) cidrs.push(...c)
    else unknown = true
  }
  const graded = exposureSeverity(protocol, ports.from, ports.to, breadthOfCidrs(cidrs))
  return unknown ? maxSeverity(graded, 'low') : graded
}
