import type Database from 'better-sqlite3'
import type { PruneOptions, PruneResult } from './SnapshotStore.ts'
import { StoreError } from './StoreError.ts'
import { versionsToPrune } from './versionsToPrune.ts'

interface SpanRow { resource_id: string; from_seq: number; until_seq: number | null }

/**
 * Retention for the SQLite layout. Deleting versions leaves the spans model consistent: a span
 * survives only if a remaining version falls inside it, and its ends move to the nearest remaining
 * versions, so every remaining version reads exactly as before and history names only versions
 * that exist. Bodies no span references any more go too. One transaction: all or nothing.
 */
export function pruneSqlite(db: Database.Database, options: PruneOptions): PruneResult {
  const run = db.transaction((): PruneResult => {
    const envs = options.env !== undefined
      ? [options.env]
      : (db.prepare('SELECT name FROM environments ORDER BY name').pluck().all() as string[])
    const deleted: PruneResult['deleted'] = []
    let kept = 0
    for (const env of envs) {
      const versions = db.prepare('SELECT seq, checked_at FROM versions WHERE env = ? ORDER BY seq').all(env) as { seq: number; checked_at: string }[]
      const drop = versionsToPrune(versions.map((v) => ({ seq: v.seq, checkedAt: v.checked_at })), options)
      kept += versions.length - drop.size
      if (drop.size === 0) continue
      deleted.push({ env, versions: [...drop].sort((a, b) => a - b).map(String) })
      if (options.dryRun) continue
      const remaining = versions.map((v) => v.seq).filter((s) => !drop.has(s))
      const nextRemaining = (seq: number) => remaining.find((s) => s >= seq)
      const spans = db.prepare('SELECT resource_id, from_seq, until_seq FROM spans WHERE env = ?').all(env) as SpanRow[]
      const del = db.prepare('DELETE FROM spans WHERE env = ? AND resource_id = ? AND from_seq = ?')
      const move = db.prepare('UPDATE spans SET from_seq = ?, until_seq = ? WHERE env = ? AND resource_id = ? AND from_seq = ?')
      const moves: [number, number | null, SpanRow][] = []
      for (const s of spans) {
        const from = nextRemaining(s.from_seq)
        const until = s.until_seq === null ? null : nextRemaining(s.until_seq) ?? null
        // No remaining version inside [from, until): nobody can read this span any more.
        if (from === undefined || (s.until_seq !== null && (until === null || from >= until))) del.run(env, s.resource_id, s.from_seq)
        else if (from !== s.from_seq || until !== s.until_seq) moves.push([from, until, s])
      }
      // Deletions first, so a moved span never meets a row that is about to go.
      for (const [from, until, s] of moves) move.run(from, until, env, s.resource_id, s.from_seq)
      const delVersion = db.prepare('DELETE FROM versions WHERE env = ? AND seq = ?')
      for (const seq of drop) delVersion.run(env, seq)
      const orphan = db.prepare('UPDATE versions SET parent = NULL WHERE env = ? AND parent = ?')
      for (const seq of drop) orphan.run(env, seq)
    }
    const bodiesDeleted = options.dryRun || deleted.length === 0
      ? 0
      : db.prepare('DELETE FROM bodies WHERE hash NOT IN (SELECT hash FROM spans)').run().changes
    // Derived data (analysis facts) of contents no remaining version has: a cache, so not counted.
    if (!options.dryRun && deleted.length > 0) db.prepare('DELETE FROM derived WHERE hash NOT IN (SELECT hash FROM versions)').run()
    return { deleted, kept, bodiesDeleted }
  })
  let result: PruneResult
  try {
    result = run.immediate()
  } catch (e) {
    if (e instanceof StoreError) throw e
    throw new StoreError('store_write_failed', `could not prune: ${(e as Error).message}`)
  }
  // Give the freed pages back to the file system (SQLite keeps them otherwise).
  if (!options.dryRun && result.deleted.length > 0) {
    db.exec('VACUUM')
    db.pragma('wal_checkpoint(TRUNCATE)')
  }
  return result
}
