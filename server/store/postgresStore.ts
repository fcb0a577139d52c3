import { createRequire } from 'node:module'
import type pg from 'pg'
import type { EnvironmentSummary, Resource, Snapshot, VersionSummary } from '../../shared/index.ts'
import { hashResource, takeCanonicalText } from '../snapshot/hashSnapshot.ts'
import { POSTGRES_SCHEMA, POSTGRES_SCHEMA_VERSION, PRUNE_LOCK_KEY, SCHEMA_LOCK_KEY } from './postgresSchema.ts'
import { prunePostgres } from './prunePostgres.ts'
import { redactUrl } from './redactUrl.ts'
import type { PruneOptions, PruneResult, PutMeta, PutResult, ResourceChangeBodies, ResourceRevision, SnapshotStore } from './SnapshotStore.ts'
import { byCodeUnit, type ChangedRow, changesFromRows } from './changesFromRows.ts'
import { StoreError } from './StoreError.ts'
import { type RevisionRow, revisionFromRow } from './revisionFromRow.ts'

// pg (about 40 CommonJS files) is loaded when a PostgreSQL store is opened, not by every command that
// could open one: it was a large share of `vpclens exposure`'s start-up on SQLite.
const requireCjs = createRequire(import.meta.url)

interface VersionRow {
  env: string; seq: number; created_at: string; checked_at: string; hash: string; parent: number | null
  source: string; counts: string; warnings: string; accounts: string; regions: string
}

/** Deadlock and serialization failures: the transaction did nothing and can simply run again. */
const RETRYABLE = new Set(['40P01', '40001'])
const MAX_ATTEMPTS = 5

/**
 * Opens the PostgreSQL store at `url` (postgres://…). Connections are made lazily, so this never
 * throws; the first call reports an unreachable database as a StoreError. Tables are created on first
 * use. Any number of processes may read and write the same database: see `put`.
 */
export function openPostgresStore(url: string): SnapshotStore {
  return new PostgresStore(url)
}

class PostgresStore implements SnapshotStore {
  private readonly pool: pg.Pool
  private readonly where: string
  private readonly ready: Promise<void>

  constructor(url: string) {
    this.where = redactUrl(url)
    this.pool = new (requireCjs('pg') as typeof pg).Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000 })
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on('error', () => {})
    this.ready = this.migrate()
    this.ready.catch(() => {}) // reported by the first call that awaits it
  }

  async listEnvironments(): Promise<EnvironmentSummary[]> {
    const rows = await this.query<{ name: string; n: number; latest: number | null; updated: string | null }>(`
      SELECT e.name, COUNT(v.seq)::int AS n, MAX(v.seq) AS latest, MAX(v.checked_at) AS updated
      FROM environments e LEFT JOIN versions v ON v.env = e.name
      GROUP BY e.name ORDER BY e.name COLLATE "C"`)
    return rows.map((r) => ({
      name: r.name, versionCount: r.n,
      latestVersion: r.latest === null ? null : String(r.latest), updatedAt: r.updated,
    }))
  }

  async listVersions(env: string): Promise<VersionSummary[]> {
    return (await this.query<VersionRow>('SELECT * FROM versions WHERE env = $1 ORDER BY seq', [env])).map(toSummary)
  }

  async getVersion(env: string, id: string): Promise<VersionSummary | undefined> {
    const row = await this.versionRow(env, id)
    return row && toSummary(row)
  }

  async getSnapshot(env: string, id: string): Promise<Snapshot | undefined> {
    const row = await this.versionRow(env, id)
    if (!row) return undefined
    const bodies = await this.query<{ body: string }>(`
      SELECT b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = $1 AND s.from_seq <= $2 AND (s.until_seq IS NULL OR s.until_seq > $2)
      ORDER BY s.resource_id COLLATE "C"`, [env, row.seq])
    return {
      schemaVersion: 1,
      hash: row.hash,
      accounts: JSON.parse(row.accounts),
      regions: JSON.parse(row.regions),
      resources: bodies.map((b) => JSON.parse(b.body) as Resource),
      warnings: JSON.parse(row.warnings),
    }
  }

  async getResource(env: string, id: string, resourceId: string): Promise<Resource | undefined> {
    const row = await this.versionRow(env, id)
    if (!row) return undefined
    const [hit] = await this.query<{ body: string }>(`
      SELECT b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = $1 AND s.resource_id = $2 AND s.from_seq <= $3 AND (s.until_seq IS NULL OR s.until_seq > $3)`,
    [env, resourceId, row.seq])
    return hit === undefined ? undefined : (JSON.parse(hit.body) as Resource)
  }

  async getResources(env: string, id: string, resourceIds: readonly string[]): Promise<Resource[]> {
    const row = await this.versionRow(env, id)
    if (!row || resourceIds.length === 0) return []
    const rows = await this.query<{ resource_id: string; body: string }>(`
      SELECT s.resource_id, b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = $1 AND s.resource_id = ANY($2::text[]) AND s.from_seq <= $3 AND (s.until_seq IS NULL OR s.until_seq > $3)`,
    [env, [...new Set(resourceIds)], row.seq])
    return rows.sort((x, y) => byCodeUnit(x.resource_id, y.resource_id)).map((r) => JSON.parse(r.body) as Resource)
  }

  async changedResources(env: string, from: string, to: string): Promise<ResourceChangeBodies[] | undefined> {
    const a = await this.versionRow(env, from)
    const b = await this.versionRow(env, to)
    if (!a || !b) return undefined
    if (a.seq === b.seq) return []
    const [lo, hi] = a.seq < b.seq ? [a.seq, b.seq] : [b.seq, a.seq]
    // A resource differs between lo and hi only if one of its spans starts or ends in (lo, hi]; it
    // may have changed back since, so the two contents are compared by hash (changesFromRows).
    const rows = await this.query<ChangedRow>(`
      WITH ids AS (
        SELECT resource_id FROM spans WHERE env = $1 AND from_seq > $2 AND from_seq <= $3
        UNION SELECT resource_id FROM spans WHERE env = $1 AND until_seq > $2 AND until_seq <= $3)
      SELECT s.resource_id, s.hash, s.from_seq, s.until_seq, b.body FROM ids JOIN spans s ON s.env = $1 AND s.resource_id = ids.resource_id
      JOIN bodies b ON b.hash = s.hash
      WHERE (s.from_seq <= $2 AND (s.until_seq IS NULL OR s.until_seq > $2)) OR (s.from_seq <= $3 AND (s.until_seq IS NULL OR s.until_seq > $3))`,
    [env, lo, hi])
    return changesFromRows(rows, a.seq, b.seq)
  }

  async getDerived(key: string): Promise<string | undefined> {
    return (await this.query<{ body: string }>('SELECT body FROM derived WHERE key = $1', [key]))[0]?.body
  }

  async getDerivedMany(keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map()
    const rows = await this.query<{ key: string; body: string }>('SELECT key, body FROM derived WHERE key = ANY($1::text[])', [[...new Set(keys)]])
    return new Map(rows.map((r) => [r.key, r.body]))
  }

  async putDerived(key: string, hash: string, body: string): Promise<void> {
    await this.transaction('store derived data', async (client) => {
      await client.query('INSERT INTO derived (key, hash, body) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, hash, body])
    })
  }

  async resourceHistory(env: string, resourceId: string): Promise<ResourceRevision[]> {
    const rows = await this.query<RevisionRow>(`
      SELECT s.from_seq, s.until_seq, s.hash, b.body FROM spans s JOIN bodies b ON b.hash = s.hash
      WHERE s.env = $1 AND s.resource_id = $2 ORDER BY s.from_seq`, [env, resourceId])
    return rows.map(revisionFromRow)
  }

  /**
   * One transaction that first locks the environment's row (SELECT … FOR UPDATE): puts of the same
   * environment from any number of processes run one after another, each seeing the version the
   * previous one committed, so none is lost and none recorded twice. Puts of different environments
   * run in parallel; they meet only on shared bodies, inserted in hash order so two of them cannot
   * deadlock (and a deadlock reported anyway is retried: the transaction had no effect).
   */
  async put(env: string, snapshot: Snapshot, meta: PutMeta): Promise<PutResult> {
    const content = new Map<string, { hash: string; body: string }>()
    for (const r of snapshot.resources) content.set(r.id, { hash: hashResource(r), body: takeCanonicalText(r) ?? JSON.stringify(r) })
    return this.transaction(`record a version of ${env}`, async (client) => {
      // Shared with other puts, exclusive with prune: a body this put reuses cannot be deleted under it.
      await client.query('SELECT pg_advisory_xact_lock_shared($1)', [PRUNE_LOCK_KEY])
      return putInTransaction(client, env, snapshot, meta, content)
    })
  }

  async prune(options: PruneOptions): Promise<PruneResult> {
    return this.transaction('prune', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PRUNE_LOCK_KEY])
      return prunePostgres(client, options)
    })
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {})
    await this.pool.end()
  }

  private async versionRow(env: string, id: string): Promise<VersionRow | undefined> {
    if (id === 'latest') {
      return (await this.query<VersionRow>('SELECT * FROM versions WHERE env = $1 ORDER BY seq DESC LIMIT 1', [env]))[0]
    }
    if (!/^[1-9][0-9]{0,8}$/.test(id)) return undefined
    return (await this.query<VersionRow>('SELECT * FROM versions WHERE env = $1 AND seq = $2', [env, Number(id)]))[0]
  }

  /** Runs `work` in one transaction; retried when PostgreSQL reports a deadlock or serialization failure. */
  private async transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.awaitReady()
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect()
      try {
        await client.query('BEGIN')
        const result = await work(client)
        await client.query('COMMIT')
        return result
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {})
        if (e instanceof StoreError) throw e
        const code = (e as { code?: string }).code
        if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue
        if (code === '25006') throw new StoreError('store_read_only', `the store ${this.where} is read-only: cannot ${what}`)
        throw new StoreError('store_write_failed', `could not ${what} in ${this.where}: ${(e as Error).message}`)
      } finally {
        client.release()
      }
    }
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    await this.awaitReady()
    try {
      return (await this.pool.query<R>(sql, params)).rows
    } catch (e) {
      throw new StoreError('store_unavailable', `cannot read the store ${this.where}: ${(e as Error).message}`)
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect()
    } catch (e) {
      throw new StoreError('store_unavailable', `cannot connect to the store ${this.where}: ${(e as Error).message}`)
    }
  }

  private async awaitReady(): Promise<void> {
    await this.ready
  }

  private async migrate(): Promise<void> {
    const client = await this.connect()
    try {
      await client.query('BEGIN')
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY])
      await client.query(POSTGRES_SCHEMA)
      const { rows } = await client.query<{ value: string }>('SELECT value FROM vpclens_meta WHERE key = $1', ['schemaVersion'])
      if (rows.length === 0) {
        await client.query('INSERT INTO vpclens_meta (key, value) VALUES ($1, $2)', ['schemaVersion', String(POSTGRES_SCHEMA_VERSION)])
      } else if (Number(rows[0].value) > POSTGRES_SCHEMA_VERSION) {
        throw new StoreError('store_too_new', `${this.where} was written by a newer vpclens (schema ${rows[0].value})`)
      }
      await client.query('COMMIT')
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {})
      if (e instanceof StoreError) throw e
      throw new StoreError('store_unreadable', `cannot open the store ${this.where}: ${(e as Error).message}`)
    } finally {
      client.release()
    }
  }
}

async function putInTransaction(
  client: pg.PoolClient, env: string, snapshot: Snapshot, meta: PutMeta,
  content: Map<string, { hash: string; body: string }>,
): Promise<PutResult> {
  await client.query('INSERT INTO environments (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [env, meta.at])
  await client.query('SELECT name FROM environments WHERE name = $1 FOR UPDATE', [env])
  const latest = (await client.query<VersionRow>('SELECT * FROM versions WHERE env = $1 ORDER BY seq DESC LIMIT 1', [env])).rows[0]
  if (latest && latest.hash === snapshot.hash) {
    await client.query('UPDATE versions SET checked_at = $1 WHERE env = $2 AND seq = $3', [meta.at, env, latest.seq])
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
  await client.query(`INSERT INTO versions (env, seq, created_at, checked_at, hash, parent, source, counts, warnings, accounts, regions)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  [row.env, row.seq, row.created_at, row.checked_at, row.hash, row.parent, row.source, row.counts, row.warnings, row.accounts, row.regions])

  const open = new Map<string, string>()
  for (const s of (await client.query<{ resource_id: string; hash: string }>(
    'SELECT resource_id, hash FROM spans WHERE env = $1 AND until_seq IS NULL', [env])).rows) open.set(s.resource_id, s.hash)
  const toClose: string[] = []
  const opened: { id: string; hash: string }[] = []
  const newBodies = new Map<string, string>()
  for (const [id, c] of content) {
    const current = open.get(id)
    if (current === c.hash) continue
    if (current !== undefined) toClose.push(id)
    opened.push({ id, hash: c.hash })
    newBodies.set(c.hash, c.body)
  }
  for (const id of open.keys()) if (!content.has(id)) toClose.push(id)

  const hashes = [...newBodies.keys()].sort()
  await client.query(`INSERT INTO bodies (hash, body)
    SELECT h, b FROM unnest($1::text[], $2::text[]) AS t(h, b) ORDER BY h COLLATE "C" ON CONFLICT (hash) DO NOTHING`,
  [hashes, hashes.map((h) => newBodies.get(h)!)])
  if (toClose.length > 0) {
    await client.query('UPDATE spans SET until_seq = $1 WHERE env = $2 AND until_seq IS NULL AND resource_id = ANY($3::text[])',
      [seq, env, toClose])
  }
  if (opened.length > 0) {
    await client.query(`INSERT INTO spans (env, resource_id, hash, from_seq)
      SELECT $1, r, h, $2 FROM unnest($3::text[], $4::text[]) AS t(r, h)`,
    [env, seq, opened.map((o) => o.id), opened.map((o) => o.hash)])
  }
  return { version: toSummary(row), created: true }
}

function toSummary(r: VersionRow): VersionSummary {
  return {
    id: String(r.seq), env: r.env, createdAt: r.created_at, checkedAt: r.checked_at, hash: r.hash,
    parent: r.parent === null ? null : String(r.parent),
    source: r.source as VersionSummary['source'],
    counts: JSON.parse(r.counts), warnings: JSON.parse(r.warnings),
  }
}
