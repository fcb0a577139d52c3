import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { EnvironmentSummary, Resource, Snapshot, VersionSummary } from '../../shared/index.ts'
import { hashResource, takeCanonicalText } from '../snapshot/hashSnapshot.ts'
import type { PruneOptions, PruneResult, PutMeta, PutResult, ResourceChangeBodies, ResourceRevision, SnapshotStore } from './SnapshotStore.ts'
import { pruneSqlite } from './pruneSqlite.ts'
import { SQLITE_DERIVED_SCHEMA, SQLITE_SCHEMA, SQLITE_SCHEMA_VERSION } from './sqliteSchema.ts'
import { StoreError } from './StoreError.ts'
import { type RevisionRow, revisionFromRow } from './revisionFromRow.ts'
import { byCodeUnit, type ChangedRow, changesFromRows } from './changesFromRows.ts'

export const SQLITE_FILE_NAME = 'vpclens.sqlite'

interface VersionRow {
  env: string; seq: number; created_at: string; checked_at: string; hash: string; parent: number | null
  source: string; counts: string; warnings: string; accounts: string; regions: string
}

/**
 * Opens (creating if needed) the SQLite store in `dataDir`. With `readonly`, the file must exist and
 * nothing is ever written to it: reads work, and `put` fails with a StoreError `store_read_only`.
 */
export function openSqliteStore(dataDir: string, options: { readonly?: boolean } = {}): SnapshotStore {
  const file = join(dataDir, SQLITE_FILE_NAME)
  let db: Database.Database
  try {
    mkdirSync(dataDir, { recursive: true })
    db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {})
    if (!options.readonly) db.pragma('journal_mode = WAL')
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    if (!options.readonly) db.exec(SQLITE_SCHEMA + SQLITE_DERIVED_SCHEMA)
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('schemaVersion') as { value: string } | undefined
    if (!row) db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schemaVersion', String(SQLITE_SCHEMA_VERSION))
    else if (Number(row.value) > SQLITE_SCHEMA_VERSION) {
      throw new StoreError('store_too_new', `${file} was written by a newer vpclens (schema ${row.value})`)
    }
  } catch (e) {
    if (e instanceof StoreError) throw e
    throw new StoreError('store_unreadable', `cannot open the store ${file}: ${(e as Error).message}`)
  }
  return new SqliteStore(db)
}

class SqliteStore implements SnapshotStore {
  constructor(private readonly db: Database.Database) {}

  async listEnvironments(): Promise<EnvironmentSummary[]> {
    const rows = this.db.prepare(`
      SELECT e.name, COUNT(v.seq) AS n, MAX(v.seq) AS latest, MAX(v.checked_at) AS updated
      FROM environments e LEFT JOIN versions v ON v.env = e.name
      GROUP BY e.name ORDER BY e.name`).all() as { name: string; n: number; latest: number | null; updated: string | null }[]
    return rows.map((r) => ({
      name: r.name, versionCount: r.n,
      latestVersion: r.latest === null ? null : String(r.latest), updatedAt: r.updated,
    }))
  }

  async listVersions(env: string): Promise<VersionSummary[]> {
    const rows = this.db.prepare('SELECT * FROM versions WHERE env = ? ORDER BY seq').all(env) as VersionRow[]
    return rows.map(toSummary)
  }

  async getVersion(env: string, id: string): Promise<VersionSummary | undefined> {
    const row = this.versionRow(env, id)
    return row && toSummary(row)
  }

  async getSnapshot(env: string, id: string): Promise<Snapshot | undefined> {
    const row = this.versionRow(env, id)
    if (!row) return undefined
    const bodies = this.db.prepare(`
      SELECT b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = ? AND s.from_seq <= ? AND (s.until_seq IS NULL OR s.until_seq > ?)
      ORDER BY s.resource_id`).pluck().all(env, row.seq, row.seq) as string[]
    return {
      schemaVersion: 1,
      hash: row.hash,
      accounts: JSON.parse(row.accounts),
      regions: JSON.parse(row.regions),
      resources: bodies.map((b) => JSON.parse(b) as Resource),
      warnings: JSON.parse(row.warnings),
    }
  }

  async getResource(env: string, id: string, resourceId: string): Promise<Resource | undefined> {
    const row = this.versionRow(env, id)
    if (!row) return undefined
    const body = this.db.prepare(`
      SELECT b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = ? AND s.resource_id = ? AND s.from_seq <= ? AND (s.until_seq IS NULL OR s.until_seq > ?)`)
      .pluck().get(env, resourceId, row.seq, row.seq) as string | undefined
    return body === undefined ? undefined : (JSON.parse(body) as Resource)
  }

  async getResources(env: string, id: string, resourceIds: readonly string[]): Promise<Resource[]> {
    const row = this.versionRow(env, id)
    if (!row) return []
    const one = this.db.prepare(`
      SELECT b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = ? AND s.resource_id = ? AND s.from_seq <= ? AND (s.until_seq IS NULL OR s.until_seq > ?)`).pluck()
    const out: Resource[] = []
    for (const rid of [...new Set(resourceIds)].sort(byCodeUnit)) {
      const body = one.get(env, rid, row.seq, row.seq) as string | undefined
      if (body !== undefined) out.push(JSON.parse(body) as Resource)
    }
    return out
  }

  async changedResources(env: string, from: string, to: string): Promise<ResourceChangeBodies[] | undefined> {
    const a = this.versionRow(env, from)
    const b = this.versionRow(env, to)
    if (!a || !b) return undefined
    if (a.seq === b.seq) return []
    const [lo, hi] = a.seq < b.seq ? [a.seq, b.seq] : [b.seq, a.seq]
    // A resource differs between lo and hi only if one of its spans starts or ends in (lo, hi]; it
    // may have changed back since, so the two contents are compared by hash below. CROSS JOIN keeps
    // SQLite's planner from walking every span of the environment instead of the few ids.
    const rows = this.db.prepare(`
      WITH ids AS (
        SELECT resource_id FROM spans WHERE env = @env AND from_seq > @lo AND from_seq <= @hi
        UNION SELECT resource_id FROM spans WHERE env = @env AND until_seq > @lo AND until_seq <= @hi)
      SELECT s.resource_id, s.hash, s.from_seq, s.until_seq, b.body FROM ids CROSS JOIN spans s ON s.env = @env AND s.resource_id = ids.resource_id
      JOIN bodies b ON b.hash = s.hash
      WHERE (s.from_seq <= @lo AND (s.until_seq IS NULL OR s.until_seq > @lo)) OR (s.from_seq <= @hi AND (s.until_seq IS NULL OR s.until_seq > @hi))`)
      .all({ env, lo, hi }) as ChangedRow[]
    return changesFromRows(rows, a.seq, b.seq)
  }

  async getDerived(key: string): Promise<string | undefined> {
    try {
      return this.db.prepare('SELECT body FROM derived WHERE key = ?').pluck().get(key) as string | undefined
    } catch (e) {
      // A read-only store written by an older vpclens has no such table: nothing is cached.
      if (/no such table/.test((e as Error).message)) return undefined
      throw e
    }
  }

  async getDerivedMany(keys: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    if (keys.length === 0) return out
    try {
      // One statement run per key: SQLite is in process, so this is as cheap as one IN list and has no size limit.
      const one = this.db.prepare('SELECT body FROM derived WHERE key = ?').pluck()
      for (const key of new Set(keys)) {
        const body = one.get(key) as string | undefined
        if (body !== undefined) out.set(key, body)
      }
      return out
    } catch (e) {
      if (/no such table/.test((e as Error).message)) return out
      throw e
    }
  }

  async putDerived(key: string, hash: string, body: string): Promise<void> {
    try {
      this.db.prepare('INSERT OR IGNORE INTO derived (key, hash, body) VALUES (?, ?, ?)').run(key, hash, body)
    } catch (e) {
      // A read-only store (opened so, or its file not writable) keeps no derived data; an older one has no table for it.
      if ((e as { code?: string }).code === 'SQLITE_READONLY' || this.db.readonly) throw new StoreError('store_read_only', 'the store is read-only (its file is not writable)')
      throw new StoreError('store_write_failed', `could not store derived data: ${(e as Error).message}`)
    }
  }

  async resourceHistory(env: string, resourceId: string): Promise<ResourceRevision[]> {
    const rows = this.db.prepare(`
      SELECT s.from_seq, s.until_seq, s.hash, b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = ? AND s.resource_id = ? ORDER BY s.from_seq`).all(env, resourceId) as RevisionRow[]
    return rows.map(revisionFromRow)
  }

  async put(env: string, snapshot: Snapshot, meta: PutMeta): Promise<PutResult> {
    const write = this.db.transaction((): PutResult => {
      this.db.prepare('INSERT OR IGNORE INTO environments (name, created_at) VALUES (?, ?)').run(env, meta.at)
      const latest = this.db.prepare('SELECT * FROM versions WHERE env = ? ORDER BY seq DESC LIMIT 1').get(env) as VersionRow | undefined
      if (latest && latest.hash === snapshot.hash) {
        this.db.prepare('UPDATE versions SET checked_at = ? WHERE env = ? AND seq = ?').run(meta.at, env, latest.seq)
        return { version: toSummary({ ...latest, checked_at: meta.at }), created: false }
      }
      const seq = (latest?.seq ?? 0) + 1
      const counts: Record<string, number> = {}
      for (const r of snapshot.resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1
      const row: VersionRow = {
        env, seq, created_at: meta.at, checked_at: meta.at, hash: snapshot.hash, parent: latest?.seq ?? null,
        source: meta.source, counts: JSON.stringify(counts), warnings: JSON.stringify(snapshot.warnings),
        accounts: JSON.stringify(snapshot.accounts), regions: JSON.stringify(snapshot.regions),
      }
      this.db.prepare(`INSERT INTO versions (env, seq, created_at, checked_at, hash, parent, source, counts, warnings, accounts, regions)
        VALUES (@env, @seq, @created_at, @checked_at, @hash, @parent, @source, @counts, @warnings, @accounts, @regions)`).run(row)

      const open = new Map<string, string>()
      for (const s of this.db.prepare('SELECT resource_id, hash FROM spans WHERE env = ? AND until_seq IS NULL')
        .all(env) as { resource_id: string; hash: string }[]) open.set(s.resource_id, s.hash)
      const insertBody = this.db.prepare('INSERT OR IGNORE INTO bodies (hash, body) VALUES (?, ?)')
      const openSpan = this.db.prepare('INSERT INTO spans (env, resource_id, hash, from_seq) VALUES (?, ?, ?, ?)')
      const closeSpan = this.db.prepare('UPDATE spans SET until_seq = ? WHERE env = ? AND resource_id = ? AND until_seq IS NULL')
      const seen = new Set<string>()
      for (const r of snapshot.resources) {
        seen.add(r.id)
        const hash = hashResource(r)
        const text = takeCanonicalText(r)
        const current = open.get(r.id)
        if (current === hash) continue
        if (current !== undefined) closeSpan.run(seq, env, r.id)
        insertBody.run(hash, text ?? JSON.stringify(r))
        openSpan.run(env, r.id, hash, seq)
      }
      for (const id of open.keys()) if (!seen.has(id)) closeSpan.run(seq, env, id)
      return { version: toSummary(row), created: true }
    })
    try {
      return write.immediate()
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_READONLY') {
        throw new StoreError('store_read_only', `the store is read-only (its file is not writable): cannot record a version of ${env}`)
      }
      throw new StoreError('store_write_failed', `could not record a version of ${env}: ${(e as Error).message}`)
    }
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    return pruneSqlite(this.db, options)
  }

  async close(): Promise<void> {
    this.db.close()
  }

  private versionRow(env: string, id: string): VersionRow | undefined {
    if (id === 'latest') {
      return this.db.prepare('SELECT * FROM versions WHERE env = ? ORDER BY seq DESC LIMIT 1').get(env) as VersionRow | undefined
    }
    if (!/^[1-9][0-9]*$/.test(id)) return undefined
    return this.db.prepare('SELECT * FROM versions WHERE env = ? AND seq = ?').get(env, Number(id)) as VersionRow | undefined
  }
}

function toSummary(r: VersionRow): VersionSummary {
  return {
    id: String(r.seq), env: r.env, createdAt: r.created_at, checkedAt: r.checked_at, hash: r.hash,
    parent: r.parent === null ? null : String(r.parent),
    source: r.source as VersionSummary['source'],
    counts: JSON.parse(r.counts), warnings: JSON.parse(r.warnings),
  }
}
