import type { SecurityGroupRule } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { DemoBuilder } from './demoBuilder.ts'

/** One rule as written in Terraform: a protocol, a port range and exactly one source (or destination). */
export interface RuleSpec {
  protocol: 'tcp' | 'udp' | 'icmp' | '-1'
  /** Port range (ICMP: type and code). Ignored for '-1'. `to` defaults to `from`. */
  from?: number
  to?: number
  cidr?: string
  cidr6?: string
  prefixListId?: string
  /** Another group's id, or 'self' for the group being built. */
  group?: string
  /** Set when `group` lives in a peered VPC: DescribeSecurityGroupRules names the peering. */
  peering?: { vpcId: string; peeringId: string }
  description?: string
}

/**
 * The flat DescribeSecurityGroupRules form. The sgr- id is derived from the group and the rule's content,
 * so an unchanged rule keeps its id in every version and a new rule gets a new one.
 */
export function buildSecurityGroupRule(b: DemoBuilder, groupId: string, isEgress: boolean, spec: RuleSpec): SecurityGroupRule {
  const all = spec.protocol === '-1'
  const from = all ? -1 : (spec.from ?? -1)
  const to = all ? -1 : (spec.to ?? spec.from ?? -1)
  const ref = spec.group === 'self' ? groupId : spec.group
  const source = spec.cidr ?? spec.cidr6 ?? spec.prefixListId ?? ref ?? ''
  const id = b.ids.id('sgr', `${groupId}|${isEgress}|${spec.protocol}|${from}|${to}|${source}`)
  return sdkShape<SecurityGroupRule>({
    SecurityGroupRuleId: id,
    GroupId: groupId,
    GroupOwnerId: b.account,
    IsEgress: isEgress,
    IpProtocol: spec.protocol,
    FromPort: from,
    ToPort: to,
    ...(spec.cidr !== undefined && { CidrIpv4: spec.cidr }),
    ...(spec.cidr6 !== undefined && { CidrIpv6: spec.cidr6 }),
    ...(spec.prefixListId !== undefined && { PrefixListId: spec.prefixListId }),
    ...(ref !== undefined && {
      ReferencedGroupInfo: {
        GroupId: ref,
        UserId: b.account,
        ...(spec.peering && { VpcId: spec.peering.vpcId, VpcPeeringConnectionId: spec.peering.peeringId, PeeringStatus: 'active' }),
      },
    }),
    ...(spec.description !== undefined && { Description: spec.description }),
    Tags: [],
    SecurityGroupRuleArn: `arn:aws:ec2:${b.region}:${b.account}:security-group-rule/${id}`,
  })
}
