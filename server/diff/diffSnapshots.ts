import type { Diff, ExposureFact, RelationshipChange, ResourceChange, Severity, Snapshot } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'
import { type DiffContext, diffContext } from './diffContext.ts'
import { diffExposure } from './diffExposure.ts'
import { deepEqual } from './deepEqual.ts'
import { diffResource } from './diffResource.ts'
import { exposureCauses } from './exposureCauses.ts'
import { exposureFactsFromRules } from './exposureFactsFromRules.ts'
import { gradeCausesByExposure } from './gradeCausesByExposure.ts'
import { openingSeverity } from './openingSeverity.ts'
import { maxSeverity, severityRank } from '../../shared/severityOrder.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface DiffOptions {
  /**
   * Exposure of a snapshot, per network interface (exposure analysis). Without it, exposure changes
   * are worked out from security-group ingress rules alone (`exposureBasis: 'rules'`).
   */
  exposureOf?: (snapshot: Snapshot) => ExposureFact[]
  fromVersion?: string
  toVersion?: string
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * What changed from one snapshot to another (either may be the older): added, removed and modified
 * resources with field and rule-set changes, relationship changes, and exposure changes ranked by
 * severity. Pure: the same two snapshots always give the same diff.
 */
export function diffSnapshots(from: Snapshot, to: Snapshot, options: DiffOptions = {}): Diff {
  const ctx = diffContext(from, to)
  const facts = options.exposureOf ?? exposureFactsFromRules
  return diffInContext(ctx, [...new Set([...ctx.before.keys(), ...ctx.after.keys()])], {
    from: { hash: from.hash, ...(options.fromVersion ? { version: options.fromVersion } : {}) },
    to: { hash: to.hash, ...(options.toVersion ? { version: options.toVersion } : {}) },
    exposureBasis: options.exposureOf ? 'analysis' : 'rules',
    exposure: () => ({ before: facts(from), after: facts(to) }),
  })
}

export interface DiffInContextOptions {
  from: Diff['from']
  to: Diff['to']
  exposureBasis: Diff['exposureBasis']
  /** Exposure facts of both versions (called once, after the resources are compared). */
  exposure: () => { before: readonly ExposureFact[]; after: readonly ExposureFact[] }
  /** Every candidate is known to differ (the store compared content hashes): skip the equality check. */
  candidatesDiffer?: boolean
}

/**
 * The diff itself, on a context that holds at least the resources of `ids` (the candidates to
 * compare) and every resource the exposure changes' causes look up: diffSnapshots passes whole
 * snapshots; the stored fast path (diffFromFacts) only the changed resources and their neighbours.
 */
export function diffInContext(ctx: DiffContext, candidateIds: readonly string[], options: DiffInContextOptions): Diff {
  const resources: ResourceChange[] = []
  const relationships: RelationshipChange[] = []
  const ids = [...candidateIds].sort()
  for (const id of ids) {
    const a = ctx.before.get(id)
    const b = ctx.after.get(id)
    // Cheap check first (no strings built); the canonical text settles lists that only differ in order.
    if (a && b && !options.candidatesDiffer && (deepEqual(a, b) || canonicalJson(a) === canonicalJson(b))) continue
    const d = diffResource(a, b, ctx)
    if (d.resource) resources.push(d.resource)
    appendAll(relationships, d.relationships)
  }
  resources.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || cmp(x.id, y.id))
  relationships.sort((x, y) => severityRank(x.severity) - severityRank(y.severity) || cmp(x.resourceId, y.resourceId) || cmp(x.relation, y.relation))

  const facts = options.exposure()
  const exposure = diffExposure(facts.before, facts.after, {
    kindOf: (id) => (ctx.after.get(id) ?? ctx.before.get(id))?.kind ?? 'network-interface',
    affectedOf: (id) => (ctx.after.get(id) ?? ctx.before.get(id))?.kind === 'security-group'
      ? [...new Set([...(ctx.enisByGroup.after.get(id) ?? []), ...(ctx.enisByGroup.before.get(id) ?? [])])].sort()
      : [],
    capOf: (id) => ((ctx.after.get(id) ?? ctx.before.get(id))?.kind === 'security-group' && !ctx.attachedGroups.has(id) ? 'low' : 'critical'),
    causesOf: exposureCauses(resources, relationships, ctx),
    severityOf: (protocol, ports, sources) => openingSeverity(protocol, ports, sources, (s) => ctx.cidrsOf(s, 'after')),
  })

  // A change to a shared object is graded by the exposure it causes.
  const graded = gradeCausesByExposure(exposure, resources, relationships)
  resources.splice(0, resources.length, ...graded.resources)
  relationships.splice(0, relationships.length, ...graded.relationships)
  const all: Severity[] = [...exposure.map((e) => e.severity), ...resources.map((r) => r.severity), ...relationships.map((r) => r.severity)]
  return {
    from: options.from,
    to: options.to,
    exposureBasis: options.exposureBasis,
    summary: {
      added: resources.filter((r) => r.change === 'added').length,
      removed: resources.filter((r) => r.change === 'removed').length,
      modified: resources.filter((r) => r.change === 'modified').length,
      relationships: relationships.length,
      exposure: exposure.length,
      highestSeverity: all.length === 0 ? null : all.reduce((a, b) => maxSeverity(a, b)),
    },
    exposure, resources, relationships,
  }
}
