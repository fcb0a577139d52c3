import { createHash } from 'node:crypto'
import type { Attribution, Diff, Snapshot, VersionSummary } from '../../shared/index.ts'
import { AttributionCache, isSettled } from './attributionCache.ts'
import { type AttributionTarget, attributionTargets } from './attributionTargets.ts'
import { type AttributionWindow, attributionWindow } from './attributionWindow.ts'
import { collectAttribution, type LookupEvents } from './collectAttribution.ts'

export interface AttributeRequest {
  env: string
  dataDir: string
  from: { version: VersionSummary; snapshot: Snapshot }
  to: { version: VersionSummary; snapshot: Snapshot }
  diff: Diff
  lookup: (targets: AttributionTarget[]) => Promise<LookupEvents>
  limit: number
  now?: Date
}

/** Who changed what between two versions: from the cache when settled, else from CloudTrail (then cached). */
export async function attributeDiff(req: AttributeRequest): Promise<Attribution> {
  const { env, from, to } = req
  const cache = new AttributionCache(req.dataDir)
  const now = req.now ?? new Date()
  const window: AttributionWindow = attributionWindow(from.version, to.version, now)
  // The window moves while FROM is the latest version (each unchanged run confirms it later).
  const hashes = createHash('sha256').update(JSON.stringify([from.snapshot.hash, to.snapshot.hash, req.limit, window.start, window.end]))
    .digest('hex').slice(0, 24)
  const cached = cache.get(env, from.version.id, to.version.id, hashes)
  if (cached) return cached
  const targets = attributionTargets(req.diff, from.snapshot, to.snapshot)
  const resources = targets.length === 0 ? [] : await collectAttribution(targets, window, await req.lookup(targets), req.limit)
  const attribution: Attribution = {
    env, from: from.version.id, to: to.version.id,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    lookedUpAt: now.toISOString(), resources,
  }
  if (isSettled(attribution, window.settling)) cache.set(env, from.version.id, to.version.id, hashes, attribution)
  return attribution
}
