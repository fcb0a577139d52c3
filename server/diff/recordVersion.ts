import type { Snapshot } from '../../shared/index.ts'
import type { PutMeta, PutResult, SnapshotStore } from '../store/SnapshotStore.ts'
import { incrementalExposure } from './incrementalExposure.ts'
import { analyzeVersionFacts, loadVersionFacts, saveVersionFacts } from './storedVersionFacts.ts'
import { versionFacts } from './versionFacts.ts'

/**
 * Records a snapshot (store.put) and, for a new version, its diff facts (VersionFacts), so diffs of
 * it read no whole snapshot: incrementally from the parent's facts when those are stored (only what
 * the change can move is analysed again), else by full analysis. Every edge that records versions
 * (demo, import, discover, watch) goes through here.
 */
export async function recordVersion(store: SnapshotStore, env: string, snapshot: Snapshot, meta: PutMeta): Promise<PutResult> {
  const result = await store.put(env, snapshot, meta)
  if (!result.created) return result
  const parent = result.version.parent === null ? undefined : await store.getVersion(env, result.version.parent)
  const parentFacts = parent && await loadVersionFacts(store, parent)
  const changed = parent && parentFacts ? await store.changedResources(env, parent.id, result.version.id) : undefined
  const part = parent && parentFacts && changed ? incrementalExposure(snapshot, parentFacts, parent.warnings, changed) : undefined
  await saveVersionFacts(store, result.version, part ? versionFacts(snapshot, part) : analyzeVersionFacts(snapshot))
  return result
}
