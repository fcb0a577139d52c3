import type { Resource } from '../../shared/index.ts'
import type { ResourceRevision } from './SnapshotStore.ts'

/** A `spans` row joined with its body, as both stores read it for `resourceHistory`. */
export interface RevisionRow { from_seq: number; until_seq: number | null; hash: string; body: string }

export function revisionFromRow(r: RevisionRow): ResourceRevision {
  return {
    fromVersion: String(r.from_seq),
    untilVersion: r.until_seq === null ? null : String(r.until_seq),
    hash: r.hash,
    resource: JSON.parse(r.body) as Resource,
  }
}
