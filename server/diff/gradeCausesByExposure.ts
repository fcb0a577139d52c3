import type { ExposureChange, RelationshipChange, ResourceChange } from '../../shared/index.ts'
import { maxSeverity, severityRank } from '../../shared/severityOrder.ts'

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A change to a shared object (a prefix-list entry, a NACL entry, a route, a listener, a target) is
 * graded by the exposure it causes: every rule, relationship and resource change named as the cause
 * of a widening exposure change is raised to that exposure's severity. An entry `0.0.0.0/0` added to
 * a prefix list that a security group uses for SSH is then critical, as the exposure is, not `info`.
 * Returns new, re-sorted lists; the inputs are not changed.
 */
export function gradeCausesByExposure(exposure: readonly ExposureChange[], resources: readonly ResourceChange[], relationships: readonly RelationshipChange[]):
  { resources: ResourceChange[]; relationships: RelationshipChange[] } {
  const raise = new Map<string, ExposureChange['severity']>()
  const bump = (k: string, s: ExposureChange['severity']) => raise.set(k, maxSeverity(raise.get(k) ?? 'info', s))
  for (const e of exposure) {
    if (e.change !== 'newly-exposed' && e.change !== 'widened') continue
    for (const c of e.causes) {
      bump(`resource\u0000${c.resourceId}`, e.severity)
      bump(`${c.collection}\u0000${c.resourceId}\u0000${c.key}`, e.severity)
    }
  }
  if (raise.size === 0) return { resources: [...resources], relationships: [...relationships] }
  const outResources = resources.map((r) => {
    const rules = r.rules.map((c) => {
      const s = raise.get(`${c.collection}\u0000${r.id}\u0000${c.key}`)
      return s ? { ...c, severity: maxSeverity(c.severity, s) } : c
    })
    const s = raise.get(`resource\u0000${r.id}`)
    return s ? { ...r, rules, severity: maxSeverity(r.severity, s) } : r
  })
  const outRelationships = relationships.map((rel) => {
    const s = raise.get(`relationship:${rel.relation}\u0000${rel.resourceId}\u0000${rel.relation}`)
    return s ? { ...rel, severity: maxSeverity(rel.severity, s) } : rel
  })
  outResources.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || cmp(x.id, y.id))
  outRelationships.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || cmp(x.resourceId, y.resourceId) || cmp(x.relation, y.relation))
  return { resources: outResources, relationships: outRelationships }
}
