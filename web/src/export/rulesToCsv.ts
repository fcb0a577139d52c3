import type { Resource, SecurityGroupRule } from '../../../shared/index.ts'
import { toCsv } from './toCsv.ts'

const PROTOCOL_NAMES: Record<string, string> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' }

/** The rule's peer: a CIDR, a prefix list or another security group. */
function peerOf(r: SecurityGroupRule): string {
  return r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId ?? ''
}

function portsOf(r: SecurityGroupRule): string {
  const proto = PROTOCOL_NAMES[String(r.IpProtocol)] ?? String(r.IpProtocol)
  const from = r.FromPort ?? -1, to = r.ToPort ?? -1
  if (proto === 'all' || from < 0 || (from === 0 && to === 65535 && proto !== 'icmp')) return 'all'
  return from === to ? String(from) : `${from}-${to}`
}

/** Every rule of every security group (ingress then egress per group), from the snapshot's resources. */
export function rulesToCsv(groups: readonly Resource[]): string {
  const rows = []
  for (const g of [...groups].filter((r) => r.kind === 'security-group').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const rules = ((g.attributes.rules ?? []) as SecurityGroupRule[])
      .slice().sort((a, b) => Number(!!a.IsEgress) - Number(!!b.IsEgress))
    for (const r of rules) {
      const proto = PROTOCOL_NAMES[String(r.IpProtocol)] ?? String(r.IpProtocol)
      rows.push([
        g.id, String(g.attributes.groupName ?? g.name ?? ''), g.vpcId ?? '', r.IsEgress ? 'egress' : 'ingress', proto, portsOf(r),
        peerOf(r), r.Description ?? '', r.SecurityGroupRuleId,
      ])
    }
  }
  return toCsv(['group', 'group_name', 'vpc', 'direction', 'protocol', 'ports', 'peer', 'description', 'rule_id'], rows)
}
