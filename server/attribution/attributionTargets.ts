import type { Diff, Snapshot } from '../../shared/index.ts'

export interface AttributionTarget { resourceId: string; account: string; region: string }

/**
 * The resources whose changes CloudTrail can explain: every added, removed or modified resource, every
 * resource whose links changed, and every cause of an exposure change (an exposed interface itself
 * usually did not change: its group did). Account and region come from the version that has it.
 */
export function attributionTargets(diff: Diff, from: Snapshot, to: Snapshot): AttributionTarget[] {
  const ids = new Set<string>()
  for (const r of diff.resources) ids.add(r.id)
  for (const r of diff.relationships) ids.add(r.resourceId)
  for (const e of diff.exposure) for (const c of e.causes) ids.add(c.resourceId)
  const where = new Map<string, { account: string; region: string }>()
  for (const snapshot of [from, to]) for (const r of snapshot.resources) if (ids.has(r.id)) where.set(r.id, { account: r.account, region: r.region })
  const targets: AttributionTarget[] = []
  for (const id of ids) {
    const place = where.get(id)
    if (place) targets.push({ resourceId: id, ...place })
  }
  return targets.sort((x, y) => x.account.localeCompare(y.account) || x.region.localeCompare(y.region) || x.resourceId.localeCompare(y.resourceId))
}
