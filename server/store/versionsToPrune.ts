import type { PruneOptions } from './SnapshotStore.ts'
import { StoreError } from './StoreError.ts'

/**
 * The retention rule, shared by every store: given one environment's versions oldest first, the
 * sequence numbers to delete. Kept: the newest `keepLast`, those last seen within `newerThan` ms of
 * `now`, and always the latest. Throws StoreError `bad_prune` on options that keep nothing in mind.
 */
export function versionsToPrune(versions: readonly { seq: number; checkedAt: string }[], o: PruneOptions): Set<number> {
  if (o.keepLast === undefined && o.newerThan === undefined) throw new StoreError('bad_prune', 'prune needs keepLast or newerThan')
  if (o.keepLast !== undefined && (!Number.isInteger(o.keepLast) || o.keepLast < 1)) {
    throw new StoreError('bad_prune', `keepLast must be a positive integer, got ${o.keepLast}`)
  }
  if (o.newerThan !== undefined && (!Number.isFinite(o.newerThan) || o.newerThan < 0)) {
    throw new StoreError('bad_prune', `newerThan must be a non-negative number of milliseconds, got ${o.newerThan}`)
  }
  const now = Date.parse(o.now)
  if (Number.isNaN(now)) throw new StoreError('bad_prune', `now must be an ISO time, got ${o.now}`)
  const drop = new Set<number>()
  versions.forEach((v, i) => {
    const fromEnd = versions.length - 1 - i
    if (fromEnd === 0) return
    if (o.keepLast !== undefined && fromEnd < o.keepLast) return
    if (o.newerThan !== undefined && Date.parse(v.checkedAt) > now - o.newerThan) return
    drop.add(v.seq)
  })
  return drop
}
