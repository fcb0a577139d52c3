import type { ResourceKind } from '../../shared/index.ts'
import { networkAclEgressSpec, networkAclIngressSpec } from './networkAclEntrySpecs.ts'
import { prefixListEntrySpec } from './prefixListEntrySpec.ts'
import { routeSpec } from './routeSpec.ts'
import type { RuleSpec } from './RuleSpec.ts'
import { securityGroupEgressSpec, securityGroupIngressSpec } from './securityGroupRuleSpecs.ts'

const SPECS: Partial<Record<ResourceKind, RuleSpec[]>> = {
  'security-group': [securityGroupIngressSpec, securityGroupEgressSpec],
  'network-acl': [networkAclIngressSpec, networkAclEgressSpec],
  'route-table': [routeSpec],
  'prefix-list': [prefixListEntrySpec],
}

/** The rule collections a kind has, compared as sets (none for most kinds). */
export function ruleSpecsFor(kind: ResourceKind): RuleSpec[] {
  return SPECS[kind] ?? []
}

/** Where each kind keeps those rules, so the plain field diff leaves them to the rule diff. */
export const RULE_PATHS: Partial<Record<ResourceKind, { attributes: string[]; raw: string[] }>> = {
  'security-group': { attributes: ['rules'], raw: ['IpPermissions', 'IpPermissionsEgress'] },
  'network-acl': { attributes: [], raw: ['Entries'] },
  'route-table': { attributes: [], raw: ['Routes'] },
  'prefix-list': { attributes: ['entries'], raw: [] },
}
