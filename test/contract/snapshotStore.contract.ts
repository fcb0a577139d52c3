/**
 * The one contract every SnapshotStore keeps, run against SQLite (sqlite.test.ts) and PostgreSQL
 * (postgres.test.ts). A harness hands out fresh, empty store locations; `open()` may be called again
 * after `close()` to check that data survives a reopen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalize } from '../../server/snapshot/normalize.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'
import { changedInventory, contentHash, nthSnapshot } from './storeSnapshots.ts'

export interface StoreLocation {
  open(): SnapshotStore
  dispose(): Promise<void>
}

export interface StoreHarness {
  name: string
  /** A new, empty store location. */
  create(): Promise<StoreLocation>
}

export function snapshotStoreContract(harness: StoreHarness): void {
  describe(`SnapshotStore contract: ${harness.name}`, () => {
    let location: StoreLocation
    let store: SnapshotStore
    beforeEach(async () => { location = await harness.create(); store = location.open() })
    afterEach(async () => { await store.close(); await location.dispose() })

    it('records a first version, then no new version for an unchanged put', async () => {
      const first = await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      expect(first.created).toBe(true)
      expect(first.version.id).toBe('1')
      const again = await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
      expect(again.created).toBe(false)
      expect(again.version.id).toBe('1')
      expect(again.version.checkedAt).toBe('2026-11-02T00:00:00.000Z')
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
      expect(sg[0].hash).toBe(sg[2].hash)
      expect(sg[0].hash).not.toBe(sg[1].hash)
      const vpc = await store.resourceHistory('prod', 'vpc-1')
      expect(vpc.map((r) => [r.fromVersion, r.untilVersion])).toEqual([['1', null]])
      expect(await store.resourceHistory('prod', 'sg-nope')).toEqual([])
    })

    it('drops removed resources from later versions only, and shows a gap when one comes back', async () => {
      await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      const inv = smallInventory()
      inv.regions[0].ec2.Reservations = []
      await store.put('prod', normalize(inv), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
      expect(await store.getResource('prod', '1', 'i-web')).toBeDefined()
      expect(await store.getResource('prod', '2', 'i-web')).toBeUndefined()
      await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-03T00:00:00.000Z' })
      const history = await store.resourceHistory('prod', 'i-web')
      expect(history.map((r) => [r.fromVersion, r.untilVersion])).toEqual([['1', '2'], ['3', null]])
      expect((await store.getResource('prod', 'latest', 'i-web'))?.id).toBe('i-web')
    })

    it('lists environments with their latest version, and keeps data across reopen', async () => {
      await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      await store.put('staging', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      await store.close()
      store = location.open()
      expect(await store.listEnvironments()).toEqual([
        { name: 'prod', versionCount: 1, latestVersion: '1', updatedAt: '2026-11-01T00:00:00.000Z' },
        { name: 'staging', versionCount: 1, latestVersion: '1', updatedAt: '2026-11-01T00:00:00.000Z' },
      ])
      expect(await store.getVersion('prod', '7')).toBeUndefined()
      expect(await store.getVersion('nope', 'latest')).toBeUndefined()
    })

    it('answers unknown or malformed versions and resources with undefined, not an error', async () => {
      await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      expect(await store.listVersions('nope')).toEqual([])
      expect(await store.getVersion('prod', '0')).toBeUndefined()
      expect(await store.getVersion('prod', 'x1')).toBeUndefined()
      expect(await store.getVersion('prod', '99999999999999999999')).toBeUndefined()
      expect(await store.getSnapshot('prod', '2')).toBeUndefined()
      expect(await store.getResource('prod', '1', 'sg-nope')).toBeUndefined()
      expect(await store.getResource('nope', '1', 'sg-web')).toBeUndefined()
    })

    it('keeps environments apart: the same content in two environments is two histories', async () => {
      await store.put('a', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      await store.put('b', normalize(changedInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      await store.put('b', normalize(smallInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
      expect((await store.listVersions('a')).map((v) => v.id)).toEqual(['1'])
      expect((await store.listVersions('b')).map((v) => v.id)).toEqual(['1', '2'])
      expect((await store.getSnapshot('a', 'latest'))!.hash).toBe((await store.getSnapshot('b', '2'))!.hash)
      expect((await store.resourceHistory('a', 'sg-web')).map((r) => r.fromVersion)).toEqual(['1'])
    })

    it('records warnings, accounts and regions with the version', async () => {
      const inv = smallInventory()
      inv.warnings = [{ account: '123456789012', region: 'eu-west-1', service: 'elbv2', operation: 'DescribeLoadBalancers', code: 'AccessDenied', message: 'not allowed' }]
      const snapshot = normalize(inv)
      const { version } = await store.put('prod', snapshot, { source: 'discover', at: '2026-11-01T00:00:00.000Z' })
      expect(version.warnings).toEqual(inv.warnings)
      expect(version.source).toBe('discover')
      const back = await store.getSnapshot('prod', '1')
      expect(back!.accounts).toEqual(snapshot.accounts)
      expect(back!.regions).toEqual(snapshot.regions)
      expect(back!.warnings).toEqual(inv.warnings)
    })

    it('records each of many concurrent puts to one environment exactly once, in one chain', async () => {
      const snapshots = Array.from({ length: 12 }, (_, i) => nthSnapshot(i))
      const results = await Promise.all(snapshots.map((s, i) =>
        store.put('prod', s, { source: 'discover', at: `2026-11-01T00:00:${String(i).padStart(2, '0')}.000Z` })))
      expect(results.every((r) => r.created)).toBe(true)
      const versions = await store.listVersions('prod')
      expect(versions.map((v) => v.id)).toEqual(snapshots.map((_, i) => String(i + 1)))
      expect(versions.map((v) => v.parent)).toEqual([null, ...snapshots.slice(1).map((_, i) => String(i + 1))])
      expect(new Set(versions.map((v) => v.hash))).toEqual(new Set(snapshots.map((s) => s.hash)))
      // Each version's spans rebuild exactly the snapshot that was put: its resources hash to the version's hash.
      for (const v of versions) expect(contentHash((await store.getSnapshot('prod', v.id))!)).toBe(v.hash)
    })
  })
}
