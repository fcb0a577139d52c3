import type { Snapshot } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { HashCache } from '../cache/HashCache.ts'
import { notFound } from '../errors.ts'

/**
 * Recently read snapshots by content hash. Reading a 20,000-ENI version back from the store costs
 * seconds; the graph, exposure, findings and diff routes of one version all need it, and versions
 * never change once written, so a hash hit is always right. Small, because large snapshots are large.
 */
const recent = new HashCache<Promise<Snapshot | undefined>>(3)

/** The snapshot of a version, or a 404 that says which of environment and version is missing. */
export async function loadSnapshot(store: SnapshotStore, env: string, version: string): Promise<Snapshot> {
  const summary = await store.getVersion(env, version)
  if (!summary) {
    const known = (await store.listVersions(env)).length > 0
    throw notFound(known ? `version ${version} of environment ${env}` : `environment ${env}`)
  }
  const snapshot = await recent.get(summary.hash, () => store.getSnapshot(env, summary.id))
  if (!snapshot) throw notFound(`version ${version} of environment ${env}`)
  return snapshot
}
