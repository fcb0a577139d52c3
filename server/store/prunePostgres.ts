import type pg from 'pg'
import type { PruneOptions, PruneResult } from './SnapshotStore.ts'
import { versionsToPrune } from './versionsToPrune.ts'

interface SpanRow { resource_id: string; from_seq: number; until_seq: number | null }

/**
 * Retention for the PostgreSQL layout, inside the caller's transaction: the same span arithmetic as
 * pruneSqlite.ts (a span survives only if a remaining version falls inside it; its ends move to the
 * nearest remaining versions). Each environment's row is locked first, so no put of that environment
 * runs meanwhile; the caller also holds the prune lock that puts share, so no put anywhere can
 * reference a body while it is being deleted here.
 */
export async function prunePostgres(client: pg.PoolClient, options: PruneOptions): Promise<PruneResult> {
  const envs = options.env !== undefined
    ? [options.env]
    : (await client.query<{ name: string }>('SELECT name FROM environments ORDER BY name COLLATE "C"')).rows.map((r) => r.name)
  const deleted: PruneResult['deleted'] = []
  let kept = 0
  for (const env of envs) {
    await client.query('SELECT name FROM environments WHERE name = $1 FOR UPDATE', [env])
    const versions = (await client.query<{ seq: number; checked_at: string }>(
      'SELECT seq, checked_at FROM versions WHERE env = $1 ORDER BY seq', [env])).rows
    const drop = versionsToPrune(versions.map((v) => ({ seq: v.seq, checkedAt: v.checked_at })), options)
    kept += versions.length - drop.size
    if (drop.size === 0) continue
    const dropped = [...drop].sort((a, b) => a - b)
    deleted.push({ env, versions: dropped.map(String) })
    if (options.dryRun) continue
    const remaining = versions.map((v) => v.seq).filter((s) => !drop.has(s))
    const nextRemaining = (seq: number) => remaining.find((s) => s >= seq)
    const spans = (await client.query<SpanRow>('SELECT resource_id, from_seq, until_seq FROM spans WHERE env = $1', [env])).rows
    const gone: SpanRow[] = []
    const moves: { from: number; until: number | null; span: SpanRow }[] = []
    for (const s of spans) {
      const from = nextRemaining(s.from_seq)
      const until = s.until_seq === null ? null : nextRemaining(s.until_seq) ?? null
      if (from === undefined || (s.until_seq !== null && (until === null || from >= until))) gone.push(s)
      else if (from !== s.from_seq || until !== s.until_seq) moves.push({ from, until, span: s })
    }
    // Deletions first, so a moved span never meets a row that is about to go.
    if (gone.length > 0) {
      await client.query(`DELETE FROM spans s USING unnest($2::text[], $3::int[]) AS g(r, f)
        WHERE s.env = $1 AND s.resource_id = g.r AND s.from_seq = g.f`,
      [env, gone.map((s) => s.resource_id), gone.map((s) => s.from_seq)])
    }
    for (const m of moves) {
      await client.query('UPDATE spans SET from_seq = $1, until_seq = $2 WHERE env = $3 AND resource_id = $4 AND from_seq = $5',
        [m.from, m.until, env, m.span.resource_id, m.span.from_seq])
    }
    await client.query('DELETE FROM versions WHERE env = $1 AND seq = ANY($2::int[])', [env, dropped])
    await client.query('UPDATE versions SET parent = NULL WHERE env = $1 AND parent = ANY($2::int[])', [env, dropped])
  }
  const bodiesDeleted = options.dryRun || deleted.length === 0
    ? 0
    : (await client.query('DELETE FROM bodies b WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.hash = b.hash)')).rowCount ?? 0
  // Derived data (analysis facts) of contents no remaining version has: a cache, so not counted.
  if (!options.dryRun && deleted.length > 0) await client.query('DELETE FROM derived d WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.hash = d.hash)')
  return { deleted, kept, bodiesDeleted }
}
