import { createHash } from 'node:crypto'
import type { VersionChanges, VersionSummary } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { StoreError } from '../store/StoreError.ts'
import { diffStoredVersions } from './diffStoredVersions.ts'
import { versionChanges } from './versionChanges.ts'
import { VERSION_FACTS_FORMAT } from './versionFacts.ts'

type Side = Pick<VersionSummary, 'hash' | 'warnings'>

/**
 * Bumped whenever what a diff's summary or severities come to changes (grading, what counts as a
 * change): stored changes of another format are computed again. The facts' format is part of the
 * key too, since the changes are computed from the facts.
 */
export const VERSION_CHANGES_FORMAT = 1

/**
 * Where the changes of `version` against `parent` are stored: by both content hashes and both
 * warnings (the snapshot hash leaves warnings out, and they decide which verdicts are unknown, so
 * which exposure changes count). Version ids are not in it: the same two contents give the same changes.
 */
export function versionChangesKey(parent: Side, version: Side): string {
  const digest = createHash('sha256')
    .update(parent.hash).update('\n').update(JSON.stringify(parent.warnings)).update('\n')
    .update(version.hash).update('\n').update(JSON.stringify(version.warnings))
    .digest('hex')
  return `version-changes:${VERSION_CHANGES_FORMAT}.${VERSION_FACTS_FORMAT}:${digest}`
}

/**
 * Stores the changes of `version` against `parent`, under the version's hash (so prune drops them with
 * the last version of that content). A store that cannot be written (read-only) simply keeps none.
 */
export async function saveVersionChanges(store: SnapshotStore, parent: Side, version: Side, changes: VersionChanges): Promise<void> {
  try {
    await store.putDerived(versionChangesKey(parent, version), version.hash, JSON.stringify(changes))
  } catch (e) {
    if (!(e instanceof StoreError && e.code === 'store_read_only')) throw e
  }
}

/**
 * The stored changes of several (parent, version) pairs in one read, by versionChangesKey; pairs
 * without (versions recorded by an older vpclens, or whose parent had no stored facts) are left out.
 */
export async function loadVersionChanges(store: SnapshotStore, pairs: ReadonlyArray<readonly [Side, Side]>): Promise<Map<string, VersionChanges>> {
  const found = await store.getDerivedMany(pairs.map(([p, v]) => versionChangesKey(p, v)))
  return new Map([...found].map(([key, text]) => [key, JSON.parse(text) as VersionChanges]))
}

/**
 * The changes of `version` against `parent` from the stored diff (diffStoredVersions, which reads no
 * whole version once both versions' facts are stored), stored for next time. For pairs
 * loadVersionChanges did not find.
 */
export async function computeVersionChanges(store: SnapshotStore, env: string, parent: VersionSummary, version: VersionSummary): Promise<VersionChanges> {
  const changes = versionChanges(await diffStoredVersions(store, env, parent, version))
  await saveVersionChanges(store, parent, version, changes)
  return changes
}

/** The changes of `version` against `parent`: the stored ones, else computed and stored (computeVersionChanges). */
export async function versionChangesOf(store: SnapshotStore, env: string, parent: VersionSummary, version: VersionSummary): Promise<VersionChanges> {
  const stored = (await loadVersionChanges(store, [[parent, version]])).get(versionChangesKey(parent, version))
  return stored ?? computeVersionChanges(store, env, parent, version)
}
