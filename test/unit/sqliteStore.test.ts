import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SecurityGroup } from '../../shared/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vpclens-store-')); store = openSqliteStore(dir) })
afterEach(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }) })

function changedInventory() {
  const inv = smallInventory()
  ;(inv.regions[0].ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1].IpRanges![0].CidrIp = '0.0.0.0/0'
  return inv
}

describe('SQLite store', () => {
  it('records a first version, then no new version for an unchanged put', async () => {
    const first = await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    expect(first.created).toBe(true)
    expect(first.version.id).toBe('1')
    const again = await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    expect(again.created).toBe(false)
    expect(again.version.id).toBe('1')
    const versions = await store.listVersions('prod')
    expect(versions).toHaveLength(1)
    expect(versions[0].checkedAt).toBe('2026-11-02T00:00:00.000Z')
    expect(versions[0].createdAt).toBe('2026-11-01T00:00:00.000Z')
  })

  it('records a changed snapshot as a new version with its parent, and reads each version back whole', async () => {
    const a = normalize(smallInventory())
    const b = normalize(changedInventory())
    await store.put('prod', a, { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    const second = await store.put('prod', b, { source: 'import', at: '2026-11-02T00:00:00.000Z' })
    expect(second).toMatchObject({ created: true, version: { id: '2', parent: '1', source: 'import', hash: b.hash } })
    expect(await store.getSnapshot('prod', '1')).toEqual(a)
    expect(await store.getSnapshot('prod', 'latest')).toEqual(b)
    expect((await store.getVersion('prod', '2'))!.counts['security-group']).toBe(1)
  })

  it('keeps one row per content: a resource history lists only its changes', async () => {
    await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    await store.put('prod', normalize(changedInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-03T00:00:00.000Z' })
    const sg = await store.resourceHistory('prod', 'sg-web')
    expect(sg.map((r) => [r.fromVersion, r.untilVersion])).toEqual([['1', '2'], ['2', '3'], ['3', null]])
    const vpc = await store.resourceHistory('prod', 'vpc-1')
    expect(vpc.map((r) => [r.fromVersion, r.untilVersion])).toEqual([['1', null]])
  })

  it('drops removed resources from later versions only', async () => {
    await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    const inv = smallInventory()
    inv.regions[0].ec2.Reservations = []
    await store.put('prod', normalize(inv), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    expect(await store.getResource('prod', '1', 'i-web')).toBeDefined()
    expect(await store.getResource('prod', '2', 'i-web')).toBeUndefined()
  })

  it('lists environments with their latest version, and keeps data across reopen', async () => {
    await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    await store.put('staging', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    await store.close()
    store = openSqliteStore(dir)
    expect(await store.listEnvironments()).toEqual([
      { name: 'prod', versionCount: 1, latestVersion: '1', updatedAt: '2026-11-01T00:00:00.000Z' },
      { name: 'staging', versionCount: 1, latestVersion: '1', updatedAt: '2026-11-01T00:00:00.000Z' },
    ])
    expect(await store.getVersion('prod', '7')).toBeUndefined()
    expect(await store.getVersion('nope', 'latest')).toBeUndefined()
  })
})
