/**
 * The diff view's list of changes: one entry per exposure, resource and relationship change of a
 * Diff, security-relevant first, each with the diagram nodes it concerns. Pure.
 *
 * Order: exposure changes on top (what the internet can now reach, most severe first, as the server
 * ranked them), then resource and relationship changes by severity; at equal severity the resources
 * that carry rules (security groups, NACLs, route tables, prefix lists) come before the others, then
 * the server's own order. Many changed resources are not drawn in the Infrastructure diagram
 * (security groups, NACLs, route tables): their targets are the drawn nodes they act on.
 */
import type { Diff, DiffGraph, ExposureChange, RelationshipChange, ResourceChange, Severity } from '../../../shared/index.ts'

export type ChangeItem =
  | (ItemBase & { group: 'exposure'; source: ExposureChange })
  | (ItemBase & { group: 'resource'; source: ResourceChange })
  | (ItemBase & { group: 'relationship'; source: RelationshipChange })

interface ItemBase {
  /** Stable within one diff: `exposure:<n>`, `resource:<id>`, `relationship:<id>:<relation>`. */
  key: string
  severity: Severity
  /** `widened`, `added`, `modified`, `subnetIds`… */
  change: string
  resourceId: string
  kind: string
  /** Untrusted (a Name tag). */
  name?: string
  /** One line. Untrusted (rule descriptions). */
  summary: string
  /** Drawn node ids this change concerns, the most direct first (may be empty). */
  targets: string[]
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 }
const RULE_KINDS: ReadonlySet<string> = new Set(['security-group', 'network-acl', 'route-table', 'prefix-list'])

/** Drawn node ids by resource id, and by the security groups a node carries (`details.groups`). */
export function nodeIndex(graph: DiffGraph): { byResource: Map<string, string[]>; byGroup: Map<string, string[]> } {
  const byResource = new Map<string, string[]>()
  const byGroup = new Map<string, string[]>()
  const push = (m: Map<string, string[]>, k: string, v: string) => {
    const list = m.get(k)
    if (list) { if (!list.includes(v)) list.push(v) } else m.set(k, [v])
  }
  for (const n of graph.nodes) {
    push(byResource, n.resourceId ?? n.id, n.id)
    for (const g of (n.details.groups ?? '').split(',')) if (g.trim() !== '') push(byGroup, g.trim(), n.id)
  }
  return { byResource, byGroup }
}

export function diffChangeList(diff: Diff, graph: DiffGraph): ChangeItem[] {
  const { byResource, byGroup } = nodeIndex(graph)
  const drawn = (id: string) => byResource.get(id) ?? []
  const unique = (ids: string[]) => [...new Set(ids)]
  const names = new Map(diff.resources.filter((r) => r.name !== undefined).map((r) => [r.id, r.name!]))
  // A network interface has no name of its own: its owner's (the instance, NAT gateway…) says more.
  const labels = new Map(graph.nodes.map((n) => [n.id, n]))
  const nameOf = (id: string): string | undefined => {
    if (names.has(id)) return names.get(id)
    const node = labels.get(drawn(id)[0] ?? '')
    if (node && node.label !== node.id) return node.label
    const owner = node?.details.owner !== undefined ? labels.get(node.details.owner) : undefined
    return owner && owner.label !== owner.id ? owner.label : undefined
  }

  const exposure: ChangeItem[] = diff.exposure.map((e, i) => ({
    group: 'exposure', source: e, key: `exposure:${i}`, severity: e.severity, change: e.change,
    resourceId: e.resourceId, kind: e.resourceKind, name: nameOf(e.resourceId), summary: e.summary,
    targets: unique([...drawn(e.resourceId), ...e.affected.flatMap(drawn)]),
  }))
  // A changed rule set acts on whatever its exposure changes name.
  const exposedBy = new Map<string, string[]>()
  for (const item of exposure) {
    for (const c of (item.source as ExposureChange).causes) exposedBy.set(c.resourceId, [...(exposedBy.get(c.resourceId) ?? []), ...item.targets])
  }
  const resources: ChangeItem[] = diff.resources.map((r) => ({
    group: 'resource', source: r, key: `resource:${r.id}`, severity: r.severity, change: r.change,
    resourceId: r.id, kind: r.kind, name: r.name ?? nameOf(r.id),
    summary: resourceSummary(r, diff.relationships),
    targets: unique([
      ...drawn(r.id), ...(exposedBy.get(r.id) ?? []), ...(byGroup.get(r.id) ?? []),
      ...diff.relationships.filter((x) => x.resourceId === r.id).flatMap((x) => [...x.added, ...x.removed].flatMap(drawn)),
    ]),
  }))
  const relationships: ChangeItem[] = diff.relationships.map((r) => ({
    group: 'relationship', source: r, key: `relationship:${r.resourceId}:${r.relation}`, severity: r.severity, change: r.relation,
    resourceId: r.resourceId, kind: r.kind, name: nameOf(r.resourceId), summary: r.summary,
    targets: unique([...drawn(r.resourceId), ...[...r.added, ...r.removed].flatMap(drawn)]),
  }))

  const bySeverity = (a: ChangeItem, b: ChangeItem) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
  const rest = [...resources, ...relationships]
    .map((item, i) => ({ item, i }))
    .sort((a, b) => bySeverity(a.item, b.item)
      || Number(!RULE_KINDS.has(a.item.kind)) - Number(!RULE_KINDS.has(b.item.kind))
      || a.i - b.i)
    .map((x) => x.item)
  return [...stableSort(exposure, bySeverity), ...rest]
}

/** Its rule changes, else the fields that changed, else its link changes, else the bare change. */
function resourceSummary(r: ResourceChange, relationships: readonly RelationshipChange[]): string {
  if (r.rules.length > 0) return r.rules.map((x) => x.summary).join('; ')
  if (r.fields.length > 0) return `changed: ${r.fields.map((f) => f.path).join(', ')}`
  const links = relationships.filter((x) => x.resourceId === r.id)
  if (links.length > 0) return links.map((x) => x.summary).join('; ')
  return r.change === 'added' ? 'new in this version' : r.change === 'removed' ? 'gone in this version' : r.change
}

function stableSort<T>(xs: T[], cmp: (a: T, b: T) => number): T[] {
  return xs.map((x, i) => ({ x, i })).sort((a, b) => cmp(a.x, b.x) || a.i - b.i).map((e) => e.x)
}

/** Whether an exposure change lets more in (newly exposed, widened) or less. */
export const isWidening = (e: ExposureChange) => e.change === 'newly-exposed' || e.change === 'widened'
