import type {
  EnvironmentSummary, InventorySource, Resource, Snapshot, VersionSummary,
} from '../../shared/index.ts'

export interface PutMeta {
  source: InventorySource
  /** ISO time of the run. Passed in, so the store never reads the clock itself. */
  at: string
}

export interface PutResult {
  version: VersionSummary
  /** False when the snapshot's hash equals the latest version's: only its checkedAt moved. */
  created: boolean
}

/** One resource's content in one span of versions, for `history`. */
export interface ResourceRevision {
  /** First version that has this content. */
  fromVersion: string
  /** First version that no longer has it (changed or removed), or null while it is current. */
  untilVersion: string | null
  hash: string
  resource: Resource
}

/**
 * Where versions of environment snapshots live. Implementations: SQLite (embedded default) and,
 * for teams, PostgreSQL; one contract test suite runs against each.
 */
export interface SnapshotStore {
  listEnvironments(): Promise<EnvironmentSummary[]>
  /** Oldest first. Empty for an unknown environment. */
  listVersions(env: string): Promise<VersionSummary[]>
  /** `id` may be `latest`. Undefined when there is no such version. */
  getVersion(env: string, id: string): Promise<VersionSummary | undefined>
  getSnapshot(env: string, id: string): Promise<Snapshot | undefined>
  getResource(env: string, id: string, resourceId: string): Promise<Resource | undefined>
  /** Every content a resource had, oldest first. */
  resourceHistory(env: string, resourceId: string): Promise<ResourceRevision[]>
  /** Records a new version only when the hash differs from the latest one. Atomic. */
  put(env: string, snapshot: Snapshot, meta: PutMeta): Promise<PutResult>
  close(): Promise<void>
}
