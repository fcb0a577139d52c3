import type { Exposure } from '../../../shared/index.ts'
import { acceptedCell } from './acceptedCell.ts'
import { formatPorts } from './formatPorts.ts'
import { toCsv } from './toCsv.ts'

/** Internet exposures, one per row (interface × protocol × ports × path), from GET …/exposure; `accepted` with serve --policy. */
export function exposuresToCsv(exposures: readonly Exposure[]): string {
  return toCsv(
    ['severity', 'network_interface', 'resource', 'vpc', 'subnet', 'protocol', 'ports', 'sources', 'breadth', 'via', 'completeness', 'id', 'accepted'],
    exposures.map((e) => [
      e.severity, e.eni, e.resource, e.vpcId, e.subnetId, e.protocol, formatPorts([e.ports]), e.sources.join(';'),
      e.breadth, e.via, e.completeness, e.id, acceptedCell(e.accepted),
    ]),
  )
}
