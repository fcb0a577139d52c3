import type { Resource, SecurityGroupRule, Snapshot } from '../../shared/index.ts'
import { isWorldCidr } from './cidrRelations.ts'

/** Facts about both versions that grade a change: is a group in use, is a group world-open, is a subnet public. */
export interface DiffContext {
  before: ReadonlyMap<string, Resource>
  after: ReadonlyMap<string, Resource>
  /** Security groups some ENI, instance, load balancer or endpoint uses, in either version. */
  attachedGroups: ReadonlySet<string>
  /** Groups with an ingress rule from 0.0.0.0/0 or ::/0, in the later version. */
  worldOpenGroupsAfter: ReadonlySet<string>
  /** Subnets whose tier is public, in the later version. */
  publicSubnetsAfter: ReadonlySet<string>
  /** ENI ids per security group, per version. */
  enisByGroup: { before: ReadonlyMap<string, string[]>; after: ReadonlyMap<string, string[]> }
}

export function diffContext(from: Snapshot, to: Snapshot): DiffContext {
  const before = new Map(from.resources.map((r) => [r.id, r]))
  const after = new Map(to.resources.map((r) => [r.id, r]))
  const attachedGroups = new Set<string>()
  const worldOpenGroupsAfter = new Set<string>()
  const publicSubnetsAfter = new Set<string>()
  const enis = (snap: Snapshot) => {
    const m = new Map<string, string[]>()
    for (const r of snap.resources) {
      const groups = (r.attributes.groupIds ?? r.attributes.securityGroupIds ?? []) as string[]
      for (const g of groups) attachedGroups.add(g)
      if (r.kind !== 'network-interface') continue
      for (const g of groups) {
        const list = m.get(g)
        if (list) list.push(r.id)
        else m.set(g, [r.id])
      }
    }
    return m
  }
  const enisByGroup = { before: enis(from), after: enis(to) }
  for (const r of to.resources) {
    if (r.kind === 'security-group') {
      const rules = (r.attributes.rules ?? []) as SecurityGroupRule[]
      if (rules.some((x) => !x.IsEgress && isWorldCidr(x.CidrIpv4 ?? x.CidrIpv6 ?? ''))) worldOpenGroupsAfter.add(r.id)
    } else if (r.kind === 'subnet' && r.attributes.tier === 'public') publicSubnetsAfter.add(r.id)
  }
  return { before, after, attachedGroups, worldOpenGroupsAfter, publicSubnetsAfter, enisByGroup }
}
