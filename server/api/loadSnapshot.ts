import type { Snapshot } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

/** The snapshot of a version, or a 404 that says which of environment and version is missing. */
export async function loadSnapshot(store: SnapshotStore, env: string, version: string): Promise<Snapshot> {
  const snapshot = await store.getSnapshot(env, version)
  if (snapshot) return snapshot
  const known = (await store.listVersions(env)).length > 0
  throw notFound(known ? `version ${version} of environment ${env}` : `environment ${env}`)
}
