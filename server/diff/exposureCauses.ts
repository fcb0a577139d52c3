import type { ChangeCause, NetworkAclEntry, PortRange, RelationshipChange, Resource, ResourceChange, RuleChange, SecurityGroupRule } from '../../shared/index.ts'
import { protocolName } from '../../shared/network/index.ts'
import type { DiffContext } from './diffContext.ts'
import { rulePorts } from './securityGroupRuleSpecs.ts'
import { appendAll } from '../../shared/appendAll.ts'

export type CausesOf = (resourceId: string, protocol: string, ports: PortRange, widening: boolean) => ChangeCause[]

/**
 * Links an exposure change to the changes that caused it, in the direction of the change:
 * - security-group ingress rules of the group (or of the interface's groups) on that protocol and
 *   ports, and entries of the prefix lists those rules use;
 * - for an interface: its relationship changes and address fields; its subnet's NACL entries (inbound
 *   on those ports, outbound replies on that protocol), routes, and NACL or route-table association;
 * - for a load balancer target: the target groups that hold it (targets, load balancers), the
 *   listeners of those load balancers, and their security groups' ingress rules and prefix lists.
 */
export function exposureCauses(resources: readonly ResourceChange[], relationships: readonly RelationshipChange[], ctx: DiffContext): CausesOf {
  const byId = new Map(resources.map((r) => [r.id, r]))
  const relsById = new Map<string, RelationshipChange[]>()
  for (const rel of relationships) relsById.set(rel.resourceId, [...(relsById.get(rel.resourceId) ?? []), rel])
  const either = (id: string) => ctx.after.get(id) ?? ctx.before.get(id)
  const both = (id: string) => [ctx.before.get(id), ctx.after.get(id)].filter((r): r is Resource => !!r)

  const ruleCause = (resourceId: string, c: RuleChange): ChangeCause =>
    ({ resourceId, collection: c.collection, key: c.key, change: c.change, summary: c.summary })
  const relCauses = (id: string): ChangeCause[] => (relsById.get(id) ?? [])
    .map((rel) => ({ resourceId: id, collection: `relationship:${rel.relation}`, key: rel.relation, change: 'modified', summary: rel.summary }))

  return (resourceId, protocol, ports, widening) => {
    const wanted = (c: RuleChange) => c.change === 'modified' || (widening ? c.change === 'added' : c.change === 'removed')
    // A group's ingress changes on these ports, and the entry changes of the prefix lists its rules use there.
    const sgCauses = (groupId: string, portsMatter = true): ChangeCause[] => {
      const own = (byId.get(groupId)?.rules ?? [])
        .filter((c) => c.collection === 'sg-ingress' && wanted(c) && (!portsMatter || coversPorts(c, protocol, ports)))
        .map((c) => ruleCause(groupId, c))
      const lists = new Set<string>()
      for (const g of both(groupId)) {
        for (const rule of (g.attributes.rules ?? []) as SecurityGroupRule[]) {
          if (!rule.IsEgress && rule.PrefixListId && (!portsMatter || ruleCovers(rule, protocol, ports))) lists.add(rule.PrefixListId)
        }
      }
      const viaLists = [...lists].sort().flatMap((pl) => (byId.get(pl)?.rules ?? [])
        .filter((c) => c.collection === 'prefix-list-entries' && wanted(c)).map((c) => ruleCause(pl, c)))
      return [...own, ...viaLists]
    }
    const eni = either(resourceId)
    if (!eni || eni.kind === 'security-group') return sgCauses(resourceId)

    const out: ChangeCause[] = []
    const groups = new Set(both(resourceId).flatMap((r) => (r.attributes.groupIds ?? []) as string[]))
    for (const g of [...groups].sort()) out.push(...sgCauses(g))
    out.push(...relCauses(resourceId))
    const subnetId = eni.attributes.subnetId as string | undefined
    if (subnetId) {
      out.push(...relCauses(subnetId))
      const holders = new Set(both(subnetId).flatMap((s) => [s.attributes.naclId, s.attributes.routeTableId] as (string | undefined)[]))
      for (const holder of [...holders].filter((h): h is string => !!h).sort()) {
        for (const c of byId.get(holder)?.rules ?? []) {
          if (c.collection === 'routes' || (c.collection === 'nacl-ingress' && naclCovers(c, protocol, ports))
            || (c.collection === 'nacl-egress' && naclCovers(c, protocol, { from: 0, to: 65535 }))) out.push(ruleCause(holder, c))
        }
      }
    }
    for (const f of byId.get(resourceId)?.fields ?? []) {
      if (f.path === 'attributes.publicIps' || f.path === 'attributes.ipv6') {
        out.push({ resourceId, collection: 'field', key: f.path, change: 'modified', summary: `${resourceId} ${f.path} changed` })
      }
    }
    out.push(...loadBalancerCauses(eni, ctx, byId, relCauses, (g) => sgCauses(g, false)))
    return out
  }
}

/** Causes on the load balancer path of a target interface: its target groups, their listeners and LB groups. */
function loadBalancerCauses(
  eni: Resource, ctx: DiffContext, byId: ReadonlyMap<string, ResourceChange>,
  relCauses: (id: string) => ChangeCause[], sgCauses: (groupId: string) => ChangeCause[],
): ChangeCause[] {
  const ids = new Set([eni.attributes.owner as string | null, ...((eni.attributes.privateIps ?? []) as string[])].filter((x): x is string => !!x))
  const out: ChangeCause[] = []
  const lbs = new Set<string>()
  for (const side of [ctx.before, ctx.after]) {
    for (const tg of side.values()) {
      if (tg.kind !== 'target-group') continue
      const targets = (tg.attributes.targets ?? []) as Array<{ Target?: { Id?: string } }>
      if (!targets.some((t) => t.Target?.Id && ids.has(t.Target.Id))) continue
      for (const lb of (tg.attributes.loadBalancerArns ?? []) as string[]) lbs.add(lb)
      if (!out.some((c) => c.resourceId === tg.id)) out.push(...relCauses(tg.id))
    }
  }
  if (lbs.size === 0) return out
  for (const change of byId.values()) {
    const listener = change.kind === 'listener' ? (ctx.after.get(change.id) ?? ctx.before.get(change.id)) : undefined
    if (listener && lbs.has(listener.attributes.loadBalancerArn as string)) {
      out.push({ resourceId: change.id, collection: 'resource', key: change.id, change: change.change, summary: `${change.change} listener ${change.name ?? change.id}` })
    }
  }
  for (const lb of [...lbs].sort()) {
    const groups = new Set([ctx.before.get(lb), ctx.after.get(lb)].flatMap((r) => (r?.attributes.securityGroupIds ?? []) as string[]))
    for (const g of [...groups].sort()) out.push(...sgCauses(g))
    out.push(...relCauses(lb))
  }
  return out
}

function ruleCovers(rule: SecurityGroupRule, protocol: string, ports: PortRange): boolean {
  const p = protocolName(rule.IpProtocol)
  if (p === 'all') return true
  if (p !== protocol) return false
  const r = rulePorts(p, rule.FromPort, rule.ToPort)
  return r.from <= ports.to && r.to >= ports.from
}

const coversPorts = (c: RuleChange, protocol: string, ports: PortRange) => ruleCovers((c.after ?? c.before) as SecurityGroupRule, protocol, ports)

function naclCovers(c: RuleChange, protocol: string, ports: PortRange): boolean {
  return [c.before, c.after].some((x) => {
    const e = x as NetworkAclEntry | undefined
    if (!e) return false
    const p = protocolName(e.Protocol)
    if (p === 'all') return true
    if (p !== protocol) return false
    const r = rulePorts(p, e.PortRange?.From ?? e.IcmpTypeCode?.Type, e.PortRange?.To)
    return r.from <= ports.to && r.to >= ports.from
  })
}
