import type { Diff, ExposureFact, Snapshot } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { HashCache } from '../cache/HashCache.ts'
import { diffSnapshots } from './diffSnapshots.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'

// Analysis is most of a diff's cost at scale (seconds for 20,000 interfaces), and consecutive diffs
// (1→2, 2→3) share a version: keep the last few, by content hash (a hash never goes stale).
const exposures = new HashCache<ExposureFact[]>(4)

/** Exposure of a snapshot per network interface, from exposure analysis. */
export const analyzedExposure = (s: Snapshot) =>
  exposures.get(s.hash, () => exposureFactsFromAnalysis(analyzeSnapshot(s).exposure.exposures))

/**
 * The diff every edge (CLI, API) uses: two stored versions, with exposure changes from exposure
 * analysis (what the internet can really reach, per interface), not from security-group rules alone.
 */
export function diffVersions(from: { id: string; snapshot: Snapshot }, to: { id: string; snapshot: Snapshot }): Diff {
  return diffSnapshots(from.snapshot, to.snapshot, { fromVersion: from.id, toVersion: to.id, exposureOf: analyzedExposure })
}
