import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SecurityGroup } from '../../shared/index.ts'
import { hashResource } from '../../server/snapshot/hashSnapshot.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore, SQLITE_FILE_NAME } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vpclens-prune-')); store = openSqliteStore(dir) })
afterEach(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }) })

function version(n: number) {
  const inv = smallInventory()
  ;(inv.regions[0]!.ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1]!.IpRanges![0]!.CidrIp = `81.2.${n}.0/24`
  return normalize(inv)
}
const rows = (table: string) => {
  const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true })
  try { return (db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number) } finally { db.close() }
}

describe('SQLite prune', () => {
  it('deletes the bodies only pruned versions used, and keeps shared ones', async () => {
    for (let n = 1; n <= 5; n++) await store.put('prod', version(n), { source: 'demo', at: `2026-11-0${n}T00:00:00.000Z` })
    // Every resource once, plus four more contents of sg-web.
    const resources = version(5).resources.length
    expect(rows('bodies')).toBe(resources + 4)
    const r = await store.prune({ keepLast: 1, now: '2026-12-01T00:00:00.000Z' })
    expect(r.bodiesDeleted).toBe(4)
    expect(rows('bodies')).toBe(resources)
    expect(rows('spans')).toBe(resources)
    expect(rows('versions')).toBe(1)
    const latest = await store.getSnapshot('prod', 'latest')
    expect(latest!.resources.map(hashResource)).toEqual(version(5).resources.map(hashResource))
  })

  it('keeps a body another environment still uses', async () => {
    await store.put('prod', version(1), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    await store.put('prod', version(2), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    await store.put('staging', version(1), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    const r = await store.prune({ env: 'prod', keepLast: 1, now: '2026-12-01T00:00:00.000Z' })
    expect(r.bodiesDeleted).toBe(0)
    expect(await store.getSnapshot('staging', '1')).toEqual(version(1))
  })
})
