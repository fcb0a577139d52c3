import type { Resource, SecurityGroupRule, Snapshot } from '../../shared/index.ts'
import { breadthOfCidrs, parseCidr } from '../../shared/network/index.ts'

/** Facts about both versions that grade a change: is a group in use, is a group world-open, is a subnet public. */
export interface DiffContext {
  before: ReadonlyMap<string, Resource>
  after: ReadonlyMap<string, Resource>
  /** Security groups some ENI, instance, load balancer or endpoint uses, in either version. */
  attachedGroups: ReadonlySet<string>
  /** Groups whose ingress rules together admit the whole internet (prefix lists read), in the later version. */
  worldOpenGroupsAfter: ReadonlySet<string>
  /** Subnets whose tier is public, in the later version. */
  publicSubnetsAfter: ReadonlySet<string>
  /** ENI ids per security group, per version. */
  enisByGroup: { before: ReadonlyMap<string, string[]>; after: ReadonlyMap<string, string[]> }
  /**
   * The addresses of a rule's source in one version: a CIDR is itself; a prefix list is its entries
   * there; undefined when they cannot be read (a prefix list that was not collected).
   */
  cidrsOf(source: string, side: 'before' | 'after'): readonly string[] | undefined
}

/** A prefix list's entries as CIDRs (normalize keeps them in `attributes.entries`). */
export const prefixListCidrs = (r: Resource | undefined): string[] | undefined =>
  r?.kind === 'prefix-list' ? ((r.attributes.entries ?? []) as Array<{ Cidr?: string }>).flatMap((e) => (e.Cidr ? [e.Cidr] : [])) : undefined

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
  const cidrsOf = (source: string, side: 'before' | 'after') =>
    parseCidr(source) ? [source] : prefixListCidrs((side === 'before' ? before : after).get(source))
  for (const r of to.resources) {
    if (r.kind === 'security-group') {
      const rules = (r.attributes.rules ?? []) as SecurityGroupRule[]
      const sources = rules.filter((x) => !x.IsEgress).flatMap((x) => cidrsOf(x.CidrIpv4 ?? x.CidrIpv6 ?? x.PrefixListId ?? '', 'after') ?? [])
      if (breadthOfCidrs(sources) === 'world') worldOpenGroupsAfter.add(r.id)
    } else if (r.kind === 'subnet' && r.attributes.tier === 'public') publicSubnetsAfter.add(r.id)
  }
  return { before, after, attachedGroups, worldOpenGroupsAfter, publicSubnetsAfter, enisByGroup, cidrsOf }
}
