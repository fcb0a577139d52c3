import type { CollectionWarning, Diff, Inventory, Snapshot, VersionSummary } from '../../shared/index.ts'
import { normalize } from '../snapshot/normalize.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { recordVersion } from '../diff/recordVersion.ts'

export interface RecordedRun {
  env: string
  version: VersionSummary
  created: boolean
  snapshot: Snapshot
  /** The diff against the parent, when recording computed it (RecordedVersion.diff). */
  diff?: Diff
}

/** A run that must not become a version; the message says why, in one line. */
export class IncompleteRunError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IncompleteRunError'
  }
}

const warningKey = (w: CollectionWarning) => `${w.account} ${w.region} ${w.service}:${w.operation}`

/**
 * Stores one collected inventory as a version of `env` (a new version only when it changed). A run
 * that read nothing, or that failed somewhere the latest version did not (throttling, a network
 * blip), is refused: recording it would make resources seem to vanish and come back, and alert on it.
 * A failure the latest version already had (a region never readable) does not block recording.
 */
export async function recordRun(store: SnapshotStore, env: string, inventory: Inventory): Promise<RecordedRun> {
  if (inventory.regions.length === 0) {
    const why = inventory.warnings.slice(0, 3).map((w) => `${warningKey(w)}: ${w.code}`).join('; ')
    throw new IncompleteRunError(`nothing could be read, so nothing was recorded${why ? ` (${why})` : ''}`)
  }
  const latest = await store.getVersion(env, 'latest')
  if (latest) {
    const known = new Set(latest.warnings.map(warningKey))
    const fresh = inventory.warnings.filter((w) => !known.has(warningKey(w)))
    if (fresh.length > 0) {
      throw new IncompleteRunError(`${fresh.length} call(s) failed that worked for version ${latest.id} `
        + `(${fresh.slice(0, 3).map((w) => `${warningKey(w)}: ${w.code}`).join('; ')}); not recorded, retried next run`)
    }
  }
  const snapshot = normalize(inventory)
  const { version, created, diff } = await recordVersion(store, env, snapshot, { source: inventory.source, at: inventory.collectedAt })
  return { env, version, created, snapshot, ...(diff ? { diff } : {}) }
}
