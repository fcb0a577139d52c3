import type { Finding } from '../../shared/index.ts'
import type { Model } from './Model.ts'

/** Security group hygiene (§7): default group, unused groups, stale and cross-account references. */
export function securityGroupFindings(model: Model): Finding[] {
  const out: Finding[] = []
  const referenced = new Set<string>()
  for (const sg of model.securityGroups.values()) for (const r of [...sg.ingress, ...sg.egress]) if (r.refGroupId && r.refGroupId !== sg.id) referenced.add(r.refGroupId)
  for (const lb of model.loadBalancers.values()) for (const g of lb.securityGroupIds) referenced.add(g)
  for (const groups of model.vpcEndpointGroups.values()) for (const g of groups) referenced.add(g)
  for (const sg of model.securityGroups.values()) {
    const users = model.enisByGroup.get(sg.id) ?? []
    if (sg.isDefault) {
      const rules = sg.ingress.length + sg.egress.length
      if (rules > 0) {
        out.push({
          id: `DEFAULT_SG_HAS_RULES:${sg.id}`, check: 'DEFAULT_SG_HAS_RULES', severity: 'medium', title: 'Default security group has rules',
          resourceIds: [sg.id], detail: `${sg.id} (default group of ${sg.vpcId}) has ${sg.ingress.length} inbound and ${sg.egress.length} outbound rules; anything launched without a group gets them.`,
        })
      }
      if (users.length > 0) {
        out.push({
          id: `DEFAULT_SG_IN_USE:${sg.id}`, check: 'DEFAULT_SG_IN_USE', severity: 'medium', title: 'Default security group is in use',
          resourceIds: [sg.id, ...users.slice(0, 20)], detail: `${users.length} network interface(s) use the default group ${sg.id}.`,
        })
      }
    } else if (users.length === 0 && !referenced.has(sg.id)) {
      out.push({
        id: `UNUSED_SECURITY_GROUP:${sg.id}`, check: 'UNUSED_SECURITY_GROUP', severity: 'low', title: 'Unused security group',
        resourceIds: [sg.id], detail: `${sg.id} is attached to no network interface, load balancer or endpoint, and no other group references it.`,
      })
    }
    for (const r of [...sg.ingress, ...sg.egress]) {
      if (r.stale) {
        out.push({
          id: `STALE_SG_REFERENCE:${r.id}`, check: 'STALE_SG_REFERENCE', severity: 'low', title: 'Security group rule references a group that is gone',
          resourceIds: [sg.id, r.id, r.peer], detail: `${sg.id} rule ${r.id} (${r.direction}) references ${r.peer}: ${r.stale}. It matches nothing.`,
        })
      } else if (r.refOwner && !model.accounts.has(r.refOwner)) {
        out.push({
          id: `CROSS_ACCOUNT_SG_REFERENCE:${r.id}`, check: 'CROSS_ACCOUNT_SG_REFERENCE', severity: 'medium', title: 'Security group rule trusts a group of another account',
          resourceIds: [sg.id, r.id, r.peer], detail: `${sg.id} rule ${r.id} allows members of ${r.refOwner}/${r.peer}, an account outside this snapshot.`,
        })
      }
    }
  }
  return out
}
