import type { SecurityGroupInfo } from '../../../shared/index.ts'
import { toCsv } from './toCsv.ts'

/**
 * Every rule of every security group, ingress then egress per group, as the security graph
 * (GET …/security-graph) lists them: ports as `tcp/22`, `all`…, the peer as written.
 */
export function rulesToCsv(groups: readonly SecurityGroupInfo[]): string {
  const rows = []
  for (const g of [...groups].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const r of [...g.ingress, ...g.egress]) {
      rows.push([g.id, g.name, g.vpcId ?? '', r.direction, r.ports, r.peer, r.peerKind, r.peerName ?? '', r.peeringConnectionId ?? '', r.description ?? '', r.id])
    }
  }
  return toCsv(['group', 'group_name', 'vpc', 'direction', 'ports', 'peer', 'peer_kind', 'peer_name', 'peering', 'description', 'rule_id'], rows)
}
