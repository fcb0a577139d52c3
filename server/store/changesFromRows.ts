import type { Resource } from '../../shared/index.ts'
import type { ResourceChangeBodies } from './SnapshotStore.ts'

/** Ids compared as JavaScript compares strings (UTF-16 code units), the order snapshots list resources in. */
export const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)

export interface ChangedRow { resource_id: string; hash: string; from_seq: number; until_seq: number | null; body: string }

/** Rows of the spans covering either version → the resources whose content differs, sorted by id. */
export function changesFromRows(rows: readonly ChangedRow[], fromSeq: number, toSeq: number): ResourceChangeBodies[] {
  const covers = (r: ChangedRow, seq: number) => r.from_seq <= seq && (r.until_seq === null || r.until_seq > seq)
  const byId = new Map<string, { before?: ChangedRow; after?: ChangedRow }>()
  for (const r of rows) {
    const e = byId.get(r.resource_id) ?? {}
    if (covers(r, fromSeq)) e.before = r
    if (covers(r, toSeq)) e.after = r
    byId.set(r.resource_id, e)
  }
  const out: ResourceChangeBodies[] = []
  for (const id of [...byId.keys()].sort(byCodeUnit)) {
    const { before, after } = byId.get(id)!
    if (before?.hash === after?.hash) continue
    out.push({
      id,
      ...(before ? { before: JSON.parse(before.body) as Resource } : {}),
      ...(after ? { after: JSON.parse(after.body) as Resource } : {}),
    })
  }
  return out
}

