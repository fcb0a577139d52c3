import { buildSecurityGroupRule } from './buildSecurityGroupRule.ts'
import { replaceWhere } from './replaceWhere.ts'
import { securityGroupFromRules } from './securityGroupFromRules.ts'
import type { StoryStep } from './storyStep.ts'

/** Version 2: someone "temporarily" opens SSH on the bastion (an Elastic IP in a public subnet) to everyone. */
export const openBastionSshToWorld: StoryStep = {
  title: 'SSH opened to the world on prod-bastion',
  summary: 'prod-bastion-sg gains an inbound rule tcp/22 from 0.0.0.0/0; prod-bastion (Elastic IP) becomes reachable on 22 from the internet.',
  apply(b) {
    const { SecurityGroups, SecurityGroupRules } = b.inv.ec2
    const group = SecurityGroups.find((g) => g.GroupName === 'prod-bastion-sg')
    if (!group) throw new Error('demo story: prod-bastion-sg not found')
    const rule = buildSecurityGroupRule(b, group.GroupId, false, {
      protocol: 'tcp', from: 22, cidr: '0.0.0.0/0', description: 'temporary: vendor support session',
    })
    // DescribeSecurityGroupRules lists a group's rules together; keep the new one with its siblings.
    const last = SecurityGroupRules.findLastIndex((r) => r.GroupId === group.GroupId)
    SecurityGroupRules.splice(last + 1, 0, rule)
    const rules = SecurityGroupRules.filter((r) => r.GroupId === group.GroupId)
    replaceWhere(SecurityGroups, (g) => g.GroupId === group.GroupId, (copy) => Object.assign(copy, securityGroupFromRules(copy, rules)), 'prod-bastion-sg')
  },
}
