import type { IpPermission, SecurityGroup, SecurityGroupRule } from '../../shared/index.ts'

/**
 * The flat, one-source-per-rule form of a security group's rules (DescribeSecurityGroupRules), which
 * analysis and explanations cite. When an inventory lacks SecurityGroupRules for a group (an older
 * import, or an account that denied the call) they are derived from IpPermissions, with ids made from
 * the rule's content so they stay the same across runs.
 */
export function securityGroupRules(group: SecurityGroup, collected: readonly SecurityGroupRule[]): SecurityGroupRule[] {
  if (collected.length > 0) return [...collected]
  return [
    ...explode(group, group.IpPermissions ?? [], false),
    ...explode(group, group.IpPermissionsEgress ?? [], true),
  ]
}

function explode(group: SecurityGroup, perms: readonly IpPermission[], isEgress: boolean): SecurityGroupRule[] {
  const out: SecurityGroupRule[] = []
  for (const p of perms) {
    const base = {
      GroupId: group.GroupId,
      GroupOwnerId: group.OwnerId,
      IsEgress: isEgress,
      IpProtocol: p.IpProtocol,
      FromPort: p.FromPort ?? -1,
      ToPort: p.ToPort ?? -1,
    }
    const id = (source: string) =>
      `${group.GroupId}/${isEgress ? 'egress' : 'ingress'}/${p.IpProtocol}/${base.FromPort}-${base.ToPort}/${source}`
    for (const r of p.IpRanges ?? []) if (r.CidrIp) out.push({ ...base, SecurityGroupRuleId: id(r.CidrIp), CidrIpv4: r.CidrIp, Description: r.Description })
    for (const r of p.Ipv6Ranges ?? []) if (r.CidrIpv6) out.push({ ...base, SecurityGroupRuleId: id(r.CidrIpv6), CidrIpv6: r.CidrIpv6, Description: r.Description })
    for (const r of p.PrefixListIds ?? []) if (r.PrefixListId) out.push({ ...base, SecurityGroupRuleId: id(r.PrefixListId), PrefixListId: r.PrefixListId, Description: r.Description })
    for (const r of p.UserIdGroupPairs ?? []) {
      if (!r.GroupId) continue
      out.push({
        ...base,
        SecurityGroupRuleId: id(r.GroupId),
        ReferencedGroupInfo: { GroupId: r.GroupId, UserId: r.UserId, VpcId: r.VpcId, VpcPeeringConnectionId: r.VpcPeeringConnectionId, PeeringStatus: r.PeeringStatus },
        Description: r.Description,
      })
    }
  }
  return out.map(dropUndefined)
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}
