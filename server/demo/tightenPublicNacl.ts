import { nameOf } from './demoBuilder.ts'
import { replaceWhere } from './replaceWhere.ts'
import type { StoryStep } from './storyStep.ts'

/**
 * Version 5: inbound rule 110 of prod-public-nacl (tcp/80 from 0.0.0.0/0) goes from allow to deny. It
 * closes plain HTTP over IPv4 at the subnet edge, and with it the ALB's port-80 redirect listener; rule 111
 * (the same for ::/0) is left as it was, the half-done change reviewers meet in real accounts.
 */
export const tightenPublicNacl: StoryStep = {
  title: 'HTTP denied by prod-public-nacl',
  summary: 'prod-public-nacl inbound rule 110 (tcp/80 from 0.0.0.0/0) changed from allow to deny.',
  apply(b) {
    replaceWhere(b.inv.ec2.NetworkAcls, (a) => nameOf(a) === 'prod-public-nacl', (acl) => {
      const entry = acl.Entries?.find((e) => e.RuleNumber === 110 && !e.Egress && e.CidrBlock === '0.0.0.0/0')
      if (!entry) throw new Error('demo story: prod-public-nacl rule 110 not found')
      entry.RuleAction = 'deny'
    }, 'prod-public-nacl')
  },
}
