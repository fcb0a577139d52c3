import { coverageOf, type Diff, type ExposureFact, type Snapshot, type UnknownVerdict } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { HashCache } from '../cache/HashCache.ts'
import { diffSnapshots } from './diffSnapshots.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'

interface AnalyzedExposure {
  facts: ExposureFact[]
  unknown: UnknownVerdict[]
  /** Interfaces whose exposure is unknown, and account × region pairs where every interface's is. */
  unknownEnis: Set<string>
  unknownPlaces: Set<string>
}

// Analysis is most of a diff's cost at scale (seconds for 20,000 interfaces), and consecutive diffs
// (1→2, 2→3) share a version: keep the last few, by content hash (a hash never goes stale).
const analyses = new HashCache<AnalyzedExposure>(4)

/** Exposure of a snapshot per network interface, from exposure analysis, with what it cannot decide. */
const analyzed = (s: Snapshot) => analyses.get(s.hash, () => {
  const a = analyzeSnapshot(s).exposure
  return {
    facts: exposureFactsFromAnalysis(a.exposures), unknown: a.unknown, unknownEnis: a.unknownEnis,
    unknownPlaces: new Set(a.unknown.filter((u) => u.resourceIds.length === 0).map((u) => `${u.account}/${u.region}`)),
  }
})

/** Exposure of a snapshot per network interface, from exposure analysis (the facts only). */
export const analyzedExposure = (s: Snapshot): ExposureFact[] => analyzed(s).facts

/**
 * The diff every edge (CLI, API) uses: two stored versions, with exposure changes from exposure
 * analysis (what the internet can really reach, per interface), not from security-group rules alone.
 * Interfaces whose exposure either version cannot decide are compared by neither (see `unknownExposure`).
 */
export function diffVersions(from: { id: string; snapshot: Snapshot }, to: { id: string; snapshot: Snapshot }): Diff {
  const a = analyzed(from.snapshot)
  const b = analyzed(to.snapshot)
  const places = new Set([...a.unknownPlaces, ...b.unknownPlaces])
  const placeOf = new Map<string, string>()
  if (places.size > 0) for (const s of [from.snapshot, to.snapshot]) for (const r of s.resources) if (r.kind === 'network-interface') placeOf.set(r.id, `${r.account}/${r.region}`)
  const decided = (f: ExposureFact) => !a.unknownEnis.has(f.resourceId) && !b.unknownEnis.has(f.resourceId) && !places.has(placeOf.get(f.resourceId) ?? '')
  const diff = diffSnapshots(from.snapshot, to.snapshot, {
    fromVersion: from.id, toVersion: to.id,
    exposureOf: (s) => (s === from.snapshot ? a : b).facts.filter(decided),
  })
  return {
    ...diff,
    coverage: { from: coverageOf(from.snapshot.warnings), to: coverageOf(to.snapshot.warnings) },
    unknownExposure: { from: a.unknown, to: b.unknown },
  }
}
