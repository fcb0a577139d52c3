import type { NaclEntryRow, NaclInfo, NetworkAcl, Resource } from '../../shared/index.ts'
import { portLabel } from './portLabel.ts'

/** A network ACL as the Security view's tables show it: entries per direction in evaluation order. */
export function naclInfo(r: Resource): NaclInfo {
  const raw = r.raw as NetworkAcl
  const entries: NaclEntryRow[] = (raw.Entries ?? []).map((e) => ({
    ruleNumber: e.RuleNumber,
    egress: e.Egress,
    action: e.RuleAction === 'allow' ? 'allow' as const : 'deny' as const,
    ports: e.IcmpTypeCode && (e.Protocol === '1' || e.Protocol === '58')
      ? portLabel(e.Protocol, e.IcmpTypeCode.Type, e.IcmpTypeCode.Code)
      : portLabel(e.Protocol, e.PortRange?.From, e.PortRange?.To),
    cidr: e.CidrBlock ?? e.Ipv6CidrBlock ?? '',
  }))
  entries.sort((a, b) => Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber || (a.cidr < b.cidr ? -1 : a.cidr > b.cidr ? 1 : 0))
  const subnetIds = Array.isArray(r.attributes.subnetIds) ? (r.attributes.subnetIds as string[]).filter((s) => typeof s === 'string') : []
  return {
    id: r.id, ...(r.name !== undefined ? { name: r.name } : {}), vpcId: r.vpcId ?? null,
    isDefault: r.attributes.isDefault === true, subnetIds: [...subnetIds].sort(), entries,
  }
}
