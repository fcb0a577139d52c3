import type { FieldChange, RelationshipChange, Resource, ResourceChange, Severity } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'
import type { DiffContext } from './diffContext.ts'
import { diffFields } from './diffFields.ts'
import { diffRuleSet } from './diffRuleSet.ts'
import { RELATION_FIELDS, relationIds } from './relationFields.ts'
import { RULE_PATHS, ruleSpecsFor } from './ruleSpecsFor.ts'
import { capSeverity, maxSeverity } from '../../shared/severityOrder.ts'

export interface ResourceDiff {
  resource: ResourceChange | null
  relationships: RelationshipChange[]
}

/**
 * Two versions of one resource (either may be missing): its rule-set changes, its plain field
 * changes and its relationship changes, each graded. Returns nulls/empties when nothing changed.
 */
export function diffResource(before: Resource | undefined, after: Resource | undefined, ctx: DiffContext): ResourceDiff {
  const r = (after ?? before)!
  const change = !before ? 'added' : !after ? 'removed' : 'modified'
  const unusedGroup = r.kind === 'security-group' && !ctx.attachedGroups.has(r.id)
  const rules = ruleSpecsFor(r.kind).flatMap((spec) => diffRuleSet(spec, before, after, ctx))
    // A group no interface uses exposes nothing yet; its rule changes matter when it gets attached.
    .map((c) => (unusedGroup ? { ...c, severity: capSeverity(c.severity, 'low') } : c))

  const relationships: RelationshipChange[] = []
  const fields: FieldChange[] = []
  if (before && after) {
    const relations = RELATION_FIELDS[r.kind] ?? []
    for (const relation of relations) {
      const rc = diffRelation(r, relation, before.attributes[relation], after.attributes[relation], ctx)
      if (rc) relationships.push(rc)
    }
    const skip = new Set([...relations, ...(RULE_PATHS[r.kind]?.attributes ?? [])])
    fields.push(...diffFields('name', before.name, after.name))
    fields.push(...diffFields('vpcId', before.vpcId, after.vpcId))
    fields.push(...diffFields('tags', before.tags, after.tags))
    fields.push(...diffFields('attributes', before.attributes, after.attributes, skip))
    if (fields.length === 0 && rules.length === 0 && relationships.length === 0
      && canonicalJson(before) !== canonicalJson(after)) {
      // Only the raw SDK object differs (a field normalize does not lift into attributes): show it.
      fields.push(...diffFields('raw', before.raw, after.raw, new Set(RULE_PATHS[r.kind]?.raw ?? [])))
    }
    if (fields.length === 0 && rules.length === 0 && relationships.length === 0) return { resource: null, relationships }
  }
  const severity = maxSeverity(
    change === 'modified' ? 'info' : 'low',
    ...rules.map((c) => c.severity),
    ...fields.map((f) => fieldSeverity(r, f)),
    ...relationships.map((c) => c.severity),
  )
  return {
    resource: {
      id: r.id, kind: r.kind, change,
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.vpcId !== undefined ? { vpcId: r.vpcId } : {}),
      severity, fields, rules,
    },
    relationships,
  }
}

function diffRelation(r: Resource, relation: string, a: unknown, b: unknown, ctx: DiffContext): RelationshipChange | null {
  const before = relationIds(a)
  const after = relationIds(b)
  const added = after.filter((x) => !before.includes(x))
  const removed = before.filter((x) => !after.includes(x))
  if (added.length === 0 && removed.length === 0) return null
  const single = !Array.isArray(a) && !Array.isArray(b)
  const summary = single
    ? `${r.id} ${relation}: ${before[0] ?? 'none'} → ${after[0] ?? 'none'}`
    : `${r.id} ${relation}: ${[...added.map((x) => `+${x}`), ...removed.map((x) => `-${x}`)].join(' ')}`
  return { resourceId: r.id, kind: r.kind, relation, before, after, added, removed, severity: relationSeverity(r, relation, added, ctx), summary }
}

// Joining a world-open group, landing in a public subnet, or getting a public address can make an
// interface reachable; everything else rewires without opening anything by itself.
function relationSeverity(r: Resource, relation: string, added: string[], ctx: DiffContext): Severity {
  if ((relation === 'groupIds' || relation === 'securityGroupIds') && added.some((g) => ctx.worldOpenGroupsAfter.has(g))) return 'medium'
  if (relation === 'subnetId' && r.kind === 'network-interface' && added.some((s) => ctx.publicSubnetsAfter.has(s))) return 'medium'
  if (r.kind === 'elastic-ip' && relation === 'networkInterfaceId' && added.length > 0) return 'medium'
  return 'low'
}

function fieldSeverity(r: Resource, f: FieldChange): Severity {
  const gained = (x: unknown, y: unknown) => relationIds(y).some((v) => !relationIds(x).includes(v))
  switch (`${r.kind} ${f.path}`) {
    case 'network-interface attributes.publicIps':
    case 'network-interface attributes.ipv6':
      return gained(f.before, f.after) ? 'medium' : 'info'
    case 'instance attributes.publicIp':
      return f.after ? 'medium' : 'info'
    case 'load-balancer attributes.scheme':
      return f.after === 'internet-facing' ? 'medium' : 'info'
    case 'subnet attributes.tier':
      return f.after === 'public' ? 'medium' : 'info'
    default:
      return 'info'
  }
}
