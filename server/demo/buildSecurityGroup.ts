import type { Tag } from '../../shared/index.ts'
import { buildSecurityGroupRule, type RuleSpec } from './buildSecurityGroupRule.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import { securityGroupFromRules } from './securityGroupFromRules.ts'
import type { VpcRef } from './vpcRef.ts'

/** How ENIs, instances and load balancers name their groups. */
export interface SgRef {
  GroupId: string
  GroupName: string
}

export interface SecurityGroupSpec {
  vpc: VpcRef
  name: string
  description: string
  ingress: RuleSpec[]
  /** Defaults to what AWS gives a new group: all traffic to 0.0.0.0/0. */
  egress?: RuleSpec[]
  tags?: Tag[]
}

export const ALLOW_ALL_EGRESS: RuleSpec[] = [{ protocol: '-1', cidr: '0.0.0.0/0' }]

/** Adds a group and its flat rules to the inventory. The id is keyed by VPC and name, unique as in AWS. */
export function buildSecurityGroup(b: DemoBuilder, spec: SecurityGroupSpec): SgRef {
  const GroupId = b.ids.id('sg', `${spec.vpc.vpcId}/${spec.name}`)
  const rules = [
    ...spec.ingress.map((r) => buildSecurityGroupRule(b, GroupId, false, r)),
    ...(spec.egress ?? ALLOW_ALL_EGRESS).map((r) => buildSecurityGroupRule(b, GroupId, true, r)),
  ]
  const isDefault = spec.name === 'default'
  b.inv.ec2.SecurityGroups.push(securityGroupFromRules({
    GroupId,
    GroupName: spec.name,
    Description: spec.description,
    OwnerId: b.account,
    VpcId: spec.vpc.vpcId,
    // AWS does not tag a default group; Terraform-made ones carry the team's tags.
    Tags: spec.tags ?? (isDefault ? [] : toTags({ Name: spec.name, env: spec.vpc.env, team: spec.vpc.team })),
  }, rules))
  b.inv.ec2.SecurityGroupRules.push(...rules)
  return { GroupId, GroupName: spec.name }
}
