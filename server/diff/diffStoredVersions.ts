import type { Diff, VersionSummary } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { StoreError } from '../store/StoreError.ts'
import { diffFromFacts } from './diffFromFacts.ts'
import { versionFactsOf } from './storedVersionFacts.ts'

/**
 * diffVersions for two stored versions, without reading either whole: the changed resources from
 * the store's spans, each version's stored facts (computed and stored on first use), and the few
 * unchanged neighbours exposure causes name. The same Diff as diffVersions on the two snapshots.
 */
export async function diffStoredVersions(store: SnapshotStore, env: string, from: VersionSummary, to: VersionSummary): Promise<Diff> {
  const [a, b] = [await versionFactsOf(store, env, from), await versionFactsOf(store, env, to)]
  const changed = await store.changedResources(env, from.id, to.id)
  if (!changed) throw new StoreError('store_unreadable', `a version of ${env} disappeared while it was read`)
  return diffFromFacts(
    { id: from.id, hash: from.hash, warnings: from.warnings, facts: a },
    { id: to.id, hash: to.hash, warnings: to.warnings, facts: b },
    changed, (ids) => store.getResources(env, to.id, ids),
  )
}
