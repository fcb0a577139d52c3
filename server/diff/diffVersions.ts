import type { Diff, Snapshot } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { diffSnapshots } from './diffSnapshots.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'

/** Exposure of a snapshot per network interface, from exposure analysis. */
export const analyzedExposure = (s: Snapshot) => exposureFactsFromAnalysis(analyzeSnapshot(s).exposure.exposures)

/**
 * The diff every edge (CLI, API) uses: two stored versions, with exposure changes from exposure
 * analysis (what the internet can really reach, per interface), not from security-group rules alone.
 */
export function diffVersions(from: { id: string; snapshot: Snapshot }, to: { id: string; snapshot: Snapshot }): Diff {
  return diffSnapshots(from.snapshot, to.snapshot, { fromVersion: from.id, toVersion: to.id, exposureOf: analyzedExposure })
}
