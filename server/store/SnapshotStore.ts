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

/** One resource that differs between two versions: its content in each (absent where it does not exist). */
export interface ResourceChangeBodies {
  id: string
  before?: Resource
  after?: Resource
}

/**
 * Retention: which versions `prune` keeps. A version is kept when any rule keeps it; the latest
 * version of an environment is always kept. At least one of keepLast and newerThan is required.
 */
export interface PruneOptions {
  /** Only this environment; every environment when omitted. */
  env?: string
  /** Keep the newest N versions (N ≥ 1). */
  keepLast?: number
  /** Keep versions last seen (checkedAt) less than this many milliseconds before `now`. */
  newerThan?: number
  /** ISO time to measure `newerThan` from. Passed in, so the store never reads the clock itself. */
  now: string
  /** Work out what would go, and delete nothing. */
  dryRun?: boolean
}

export interface PruneResult {
  /** Per environment that lost versions: the ids deleted, oldest first. */
  deleted: { env: string; versions: string[] }[]
  /** Versions left across the pruned environments. */
  kept: number
  /**
   * Resource bodies no remaining version references, deleted with them. Remaining versions read
   * exactly as before; a version whose parent was deleted has parent null.
   */
  bodiesDeleted: number
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
  /** Several resources of one version at once (ids it does not hold are left out). Order: by id. */
  getResources(env: string, id: string, resourceIds: readonly string[]): Promise<Resource[]>
  /**
   * The resources whose content differs between two versions (`from` may be the newer), sorted by
   * id, with their content in each. Read from the spans, so its cost follows the change, not the
   * environment. Undefined when either version does not exist.
   */
  changedResources(env: string, from: string, to: string): Promise<ResourceChangeBodies[] | undefined>
  /**
   * Derived data stored once per key (analysis facts of a version's content): the text put under
   * `key`, or undefined. `hash` is the snapshot hash it belongs to, so prune can drop what no
   * remaining version uses. putDerived never changes an existing entry (same key, same content).
   */
  getDerived(key: string): Promise<string | undefined>
  /** getDerived of several keys in one read (one query on PostgreSQL): the keys found, with their text. */
  getDerivedMany(keys: readonly string[]): Promise<Map<string, string>>
  putDerived(key: string, hash: string, body: string): Promise<void>
  /** Every content a resource had, oldest first. */
  resourceHistory(env: string, resourceId: string): Promise<ResourceRevision[]>
  /** Records a new version only when the hash differs from the latest one. Atomic. */
  put(env: string, snapshot: Snapshot, meta: PutMeta): Promise<PutResult>
  /** Deletes old versions, their resource spans and unreferenced bodies. Atomic. Throws StoreError `bad_prune` on bad options. */
  prune(options: PruneOptions): Promise<PruneResult>
  close(): Promise<void>
}
