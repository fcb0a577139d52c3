import type { Diff, Snapshot } from '../../shared/index.ts'
import type { PutMeta, PutResult, SnapshotStore } from '../store/SnapshotStore.ts'
import { diffFromFacts } from './diffFromFacts.ts'
import { incrementalExposure } from './incrementalExposure.ts'
import { saveVersionChanges } from './storedVersionChanges.ts'
import { analyzeVersionFacts, loadVersionFacts, saveVersionFacts } from './storedVersionFacts.ts'
import { versionChanges } from './versionChanges.ts'
import { versionFacts } from './versionFacts.ts'

export interface RecordedVersion extends PutResult {
  /**
   * The diff against the parent (diffVersions' Diff), when it was computed while recording: for a
   * new version whose parent has stored facts. Undefined for a first or unchanged version, and for a
   * parent recorded by an older vpclens (its changes are then computed on first use).
   */
  diff?: Diff
}

/**
 * Records a snapshot (store.put) and, for a new version, its diff facts (VersionFacts), so diffs of
 * it read no whole snapshot: incrementally from the parent's facts when those are stored (only what
 * the change can move is analysed again), else by full analysis. With the parent's facts it also
 * diffs the version against its parent (from what changed, already read) and stores the changes
 * (storedVersionChanges), so the timeline, live updates and watch alerts read them instead of
 * diffing again. Every edge that records versions (demo, import, discover, watch) goes through here.
 */
export async function recordVersion(store: SnapshotStore, env: string, snapshot: Snapshot, meta: PutMeta): Promise<RecordedVersion> {
  const result = await store.put(env, snapshot, meta)
  if (!result.created) return result
  const version = result.version
  const parent = version.parent === null ? undefined : await store.getVersion(env, version.parent)
  const parentFacts = parent && await loadVersionFacts(store, parent)
  const changed = parent && parentFacts ? await store.changedResources(env, parent.id, version.id) : undefined
  const part = parent && parentFacts && changed ? incrementalExposure(snapshot, parentFacts, parent.warnings, changed) : undefined
  const facts = part ? versionFacts(snapshot, part) : analyzeVersionFacts(snapshot)
  await saveVersionFacts(store, version, facts)
  if (!parent || !parentFacts || !changed) return result
  const diff = await diffFromFacts(
    { id: parent.id, hash: parent.hash, warnings: parent.warnings, facts: parentFacts },
    { id: version.id, hash: version.hash, warnings: version.warnings, facts },
    changed, (ids) => store.getResources(env, version.id, ids),
  )
  await saveVersionChanges(store, parent, version, versionChanges(diff))
  return { ...result, diff }
}
