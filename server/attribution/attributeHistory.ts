import type { Attribution, VersionSummary } from '../../shared/index.ts'
import type { AttributionTarget } from './attributionTargets.ts'
import { attributionWindow } from './attributionWindow.ts'
import { collectAttribution, type LookupEvents } from './collectAttribution.ts'

/**
 * Who changed one resource at each version where it changed (appeared, changed, disappeared): the
 * CloudTrail events naming it between the version before and that version. A resource already in an
 * environment's first version has no "before": that version is not looked up.
 */
export async function attributeHistory(env: string, target: AttributionTarget, changedAt: string[], versions: VersionSummary[],
  lookup: LookupEvents, now: Date): Promise<Attribution[]> {
  const out: Attribution[] = []
  for (const id of changedAt) {
    const index = versions.findIndex((v) => v.id === id)
    if (index <= 0) continue
    const before = versions[index - 1]!
    const window = attributionWindow(before, versions[index]!, now)
    out.push({
      env, from: before.id, to: id,
      window: { start: window.start.toISOString(), end: window.end.toISOString() },
      lookedUpAt: now.toISOString(),
      resources: await collectAttribution([target], window, lookup),
    })
  }
  return out
}
