import type { ChangeCause, NetworkAclEntry, PortRange, RelationshipChange, ResourceChange, RuleChange, SecurityGroupRule } from '../../shared/index.ts'
import type { DiffContext } from './diffContext.ts'
import { protocolName } from '../../shared/network/index.ts'
import { rulePorts } from './securityGroupRuleSpecs.ts'

export type CausesOf = (resourceId: string, protocol: string, ports: PortRange, widening: boolean) => ChangeCause[]

/**
 * Links an exposure change to the changes that caused it: ingress rule changes of the group (or of
 * the interface's groups) on that protocol and ports, in the direction of the change; for an
 * interface also its relationship changes, and its subnet's NACL and route changes.
 */
export function exposureCauses(resources: readonly ResourceChange[], relationships: readonly RelationshipChange[], ctx: DiffContext): CausesOf {
  const byId = new Map(resources.map((r) => [r.id, r]))
  const relsById = new Map<string, RelationshipChange[]>()
  for (const rel of relationships) relsById.set(rel.resourceId, [...(relsById.get(rel.resourceId) ?? []), rel])

  const ruleCause = (resourceId: string, c: RuleChange): ChangeCause =>
    ({ resourceId, collection: c.collection, key: c.key, change: c.change, summary: c.summary })

  return (resourceId, protocol, ports, widening) => {
    const wanted = (c: RuleChange) => c.change === 'modified' || (widening ? c.change === 'added' : c.change === 'removed')
    const sgCauses = (groupId: string) => (byId.get(groupId)?.rules ?? [])
      .filter((c) => c.collection === 'sg-ingress' && wanted(c) && coversPorts(c, protocol, ports))
      .map((c) => ruleCause(groupId, c))
    const eni = ctx.after.get(resourceId) ?? ctx.before.get(resourceId)
    if (!eni || eni.kind === 'security-group') return sgCauses(resourceId)

    const out: ChangeCause[] = []
    const groups = new Set([
      ...((ctx.before.get(resourceId)?.attributes.groupIds ?? []) as string[]),
      ...((ctx.after.get(resourceId)?.attributes.groupIds ?? []) as string[]),
    ])
    for (const g of [...groups].sort()) out.push(...sgCauses(g))
    for (const rel of relsById.get(resourceId) ?? []) {
      out.push({ resourceId, collection: `relationship:${rel.relation}`, key: rel.relation, change: 'modified', summary: rel.summary })
    }
    const subnetId = eni.attributes.subnetId as string | undefined
    const subnet = subnetId ? (ctx.after.get(subnetId) ?? ctx.before.get(subnetId)) : undefined
    for (const holder of [subnet?.attributes.naclId, subnet?.attributes.routeTableId] as (string | undefined)[]) {
      for (const c of (holder && byId.get(holder)?.rules) || []) {
        if (c.collection === 'routes' || (c.collection === 'nacl-ingress' && naclCovers(c, protocol, ports))) out.push(ruleCause(holder!, c))
      }
    }
    const own = byId.get(resourceId)
    for (const f of own?.fields ?? []) {
      if (f.path === 'attributes.publicIps' || f.path === 'attributes.ipv6') {
        out.push({ resourceId, collection: 'field', key: f.path, change: 'modified', summary: `${resourceId} ${f.path} changed` })
      }
    }
    return out
  }
}

function coversPorts(c: RuleChange, protocol: string, ports: PortRange): boolean {
  const rule = (c.after ?? c.before) as SecurityGroupRule
  const p = protocolName(rule.IpProtocol)
  if (p !== 'all' && p !== protocol) return false
  if (p === 'all') return true
  const r = rulePorts(p, rule.FromPort, rule.ToPort)
  return r.from <= ports.to && r.to >= ports.from
}

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
