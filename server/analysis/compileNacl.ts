import type { NetworkAcl } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import type { NaclC, NaclEntryC } from './Model.ts'
import { ALL, hasPorts, icmpRange, isIcmp, protocolNumber } from './protocols.ts'
import { parseCidr } from '../../shared/network/index.ts'

/**
 * A network ACL's entries in first-match order per direction (§2.2): sorted by rule number, with the
 * built-in `*` denies (32767 IPv4, 32768 IPv6) appended when the collected entries lack them, so
 * evaluation never falls off the end.
 */
export function compileNacl(acl: NetworkAcl, subnetIds: string[]): NaclC {
  const entries: NaclEntryC[] = []
  for (const e of acl.Entries ?? []) {
    const cidr = e.CidrBlock ?? e.Ipv6CidrBlock
    const parsed = cidr ? parseCidr(cidr) : undefined
    const proto = protocolNumber(e.Protocol)
    if (!cidr || !parsed || proto === undefined) continue
    let lo = 0, hi = 65535
    if (hasPorts(proto) && e.PortRange && e.PortRange.From !== undefined && e.PortRange.To !== undefined) {
      lo = Math.max(0, e.PortRange.From); hi = Math.min(65535, e.PortRange.To)
    } else if (isIcmp(proto)) [lo, hi] = icmpRange(e.IcmpTypeCode?.Type, e.IcmpTypeCode?.Code)
    entries.push({
      n: e.RuleNumber, egress: e.Egress, action: e.RuleAction === 'allow' ? 'allow' : 'deny',
      proto, lo, hi, family: parsed.family, cidr, addrs: AddressSet.fromCidr(cidr),
    })
  }
  const direction = (egress: boolean) => {
    const list = entries.filter((e) => e.egress === egress)
    if (!list.some((e) => e.n === 32767)) list.push(star(egress, 4))
    if (!list.some((e) => e.n === 32768)) list.push(star(egress, 6))
    return list.sort((a, b) => a.n - b.n || a.family - b.family)
  }
  return { id: acl.NetworkAclId, vpcId: acl.VpcId, isDefault: acl.IsDefault ?? false, inbound: direction(false), outbound: direction(true), subnetIds }
}

function star(egress: boolean, family: 4 | 6): NaclEntryC {
  const cidr = family === 4 ? '0.0.0.0/0' : '::/0'
  return { n: family === 4 ? 32767 : 32768, egress, action: 'deny', proto: ALL, lo: 0, hi: 65535, family, cidr, addrs: AddressSet.fromCidr(cidr) }
}
