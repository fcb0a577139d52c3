import type { IpPermission, SecurityGroup, SecurityGroupRule } from '../../shared/index.ts'
import { DEMO_REGION } from './demoBuilder.ts'

type GroupHeader = Pick<SecurityGroup, 'GroupId' | 'GroupName' | 'Description' | 'OwnerId' | 'VpcId' | 'Tags'>

/**
 * The DescribeSecurityGroups form of a group, derived from its flat rules so the two views can never
 * disagree. AWS groups sources by (protocol, from, to) into one IpPermission, and omits the ports of '-1'.
 */
export function securityGroupFromRules(header: GroupHeader, rules: readonly SecurityGroupRule[]): SecurityGroup {
  return {
    ...header,
    IpPermissions: toPermissions(rules.filter((r) => !r.IsEgress)),
    IpPermissionsEgress: toPermissions(rules.filter((r) => r.IsEgress)),
    SecurityGroupArn: `arn:aws:ec2:${DEMO_REGION}:${header.OwnerId}:security-group/${header.GroupId}`,
  }
}

function toPermissions(rules: readonly SecurityGroupRule[]): IpPermission[] {
  const byRange = new Map<string, Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>> & IpPermission>()
  for (const r of rules) {
    const key = `${r.IpProtocol}|${r.FromPort}|${r.ToPort}`
    let p = byRange.get(key)
    if (!p) {
      p = {
        IpProtocol: r.IpProtocol ?? '-1',
        ...(r.IpProtocol !== '-1' && { FromPort: r.FromPort, ToPort: r.ToPort }),
        IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [],
      }
      byRange.set(key, p)
    }
    const d = r.Description !== undefined ? { Description: r.Description } : {}
    if (r.CidrIpv4) p.IpRanges.push({ CidrIp: r.CidrIpv4, ...d })
    if (r.CidrIpv6) p.Ipv6Ranges.push({ CidrIpv6: r.CidrIpv6, ...d })
    if (r.PrefixListId) p.PrefixListIds.push({ PrefixListId: r.PrefixListId, ...d })
    if (r.ReferencedGroupInfo) p.UserIdGroupPairs.push({ ...r.ReferencedGroupInfo, ...d })
  }
  return [...byRange.values()]
}
