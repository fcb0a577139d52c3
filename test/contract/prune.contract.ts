/**
 * The retention part of the SnapshotStore contract (`prune`), for every store: SQLite runs it in
 * sqlitePrune.test.ts; a store joins by calling pruneContract with its own harness.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Inventory, SecurityGroup } from '../../shared/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { StoreError } from '../../server/store/StoreError.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

export interface PruneHarness {
  name: string
  create(): Promise<{ open(): SnapshotStore; dispose(): Promise<void> }>
}

const day = 24 * 3600 * 1000
const at = (d: number) => new Date(Date.UTC(2026, 10, d)).toISOString()

/** Version n of a small story: the ssh rule's source changes every version; i-web is gone in version 2 only. */
function inventory(n: number): Inventory {
  const inv = smallInventory()
  ;(inv.regions[0]!.ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1]!.IpRanges![0]!.CidrIp = `81.2.${n}.0/24`
  if (n === 2) inv.regions[0]!.ec2.Reservations = []
  return inv
}

export function pruneContract(harness: PruneHarness): void {
  describe(`SnapshotStore.prune contract: ${harness.name}`, () => {
    let location: Awaited<ReturnType<PruneHarness['create']>>
    let store: SnapshotStore
    beforeEach(async () => {
      location = await harness.create()
      store = location.open()
      for (let n = 1; n <= 4; n++) await store.put('prod', normalize(inventory(n)), { source: 'demo', at: at(n) })
      await store.put('staging', normalize(inventory(1)), { source: 'demo', at: at(1) })
      await store.put('staging', normalize(inventory(2)), { source: 'demo', at: at(2) })
    })
    afterEach(async () => { await store.close(); await location.dispose() })

    it('keeps the last N versions, which read exactly as before; history names only what remains', async () => {
      const before = [await store.getSnapshot('prod', '3'), await store.getSnapshot('prod', '4')]
      const result = await store.prune({ env: 'prod', keepLast: 2, now: at(30) })
      expect(result.deleted).toEqual([{ env: 'prod', versions: ['1', '2'] }])
      expect(result.kept).toBe(2)
      expect((await store.listVersions('prod')).map((v) => [v.id, v.parent])).toEqual([['3', null], ['4', '3']])
      expect(await store.getSnapshot('prod', '3')).toEqual(before[0])
      expect(await store.getSnapshot('prod', 'latest')).toEqual(before[1])
      expect(await store.getSnapshot('prod', '1')).toBeUndefined()
      expect((await store.resourceHistory('prod', 'vpc-1')).map((r) => [r.fromVersion, r.untilVersion])).toEqual([['3', null]])
      expect((await store.resourceHistory('prod', 'sg-web')).map((r) => [r.fromVersion, r.untilVersion])).toEqual([['3', '4'], ['4', null]])
      // i-web was absent in version 2 only: its earlier span is gone with versions 1 and 2.
      expect((await store.resourceHistory('prod', 'i-web')).map((r) => [r.fromVersion, r.untilVersion])).toEqual([['3', null]])
      // Other environments are untouched.
      expect((await store.listVersions('staging')).map((v) => v.id)).toEqual(['1', '2'])
    })

    it('drops derived data of contents no remaining version has, in any environment', async () => {
      const hashOf = async (env: string, v: string) => (await store.getVersion(env, v))!.hash
      const [h1, h3, h4] = [await hashOf('prod', '1'), await hashOf('prod', '3'), await hashOf('prod', '4')]
      for (const h of [h1, h3, h4]) await store.putDerived(`facts:${h}`, h, h)
      await store.prune({ env: 'prod', keepLast: 1, now: at(30) })
      expect(await store.getDerived(`facts:${h3}`)).toBeUndefined()
      // Version 1's content is still staging's version 1; version 4 is kept.
      expect(await store.getDerived(`facts:${h1}`)).toBe(h1)
      expect(await store.getDerived(`facts:${h4}`)).toBe(h4)
    })

    it('keeps versions seen within a duration, and always the latest', async () => {
      const r = await store.prune({ newerThan: 2.5 * day, now: at(5) })
      // prod: versions checked on days 3 and 4 are within 2.5 days of day 5; staging keeps only its latest.
      expect(r.deleted).toEqual([{ env: 'prod', versions: ['1', '2'] }, { env: 'staging', versions: ['1'] }])
      expect((await store.listVersions('staging')).map((v) => v.id)).toEqual(['2'])
      const none = await store.prune({ newerThan: 0, now: at(100) })
      expect(none.deleted).toEqual([{ env: 'prod', versions: ['3'] }])
      expect((await store.listVersions('prod')).map((v) => v.id)).toEqual(['4'])
      expect(await store.getSnapshot('prod', '4')).toEqual(normalize(inventory(4)))
    })

    it('keeps a version when any rule keeps it', async () => {
      const r = await store.prune({ env: 'prod', keepLast: 1, newerThan: 1.5 * day, now: at(4) })
      expect(r.deleted).toEqual([{ env: 'prod', versions: ['1', '2'] }])
    })

    it('deletes nothing on a dry run, but says what would go', async () => {
      const r = await store.prune({ env: 'prod', keepLast: 1, now: at(30), dryRun: true })
      expect(r.deleted).toEqual([{ env: 'prod', versions: ['1', '2', '3'] }])
      expect(r.bodiesDeleted).toBe(0)
      expect((await store.listVersions('prod')).map((v) => v.id)).toEqual(['1', '2', '3', '4'])
    })

    it('records the next version after the latest, and keeps the unchanged check working, after a prune', async () => {
      await store.prune({ keepLast: 1, now: at(30) })
      const same = await store.put('prod', normalize(inventory(4)), { source: 'demo', at: at(31) })
      expect(same).toMatchObject({ created: false, version: { id: '4', checkedAt: at(31) } })
      const next = await store.put('prod', normalize(inventory(1)), { source: 'demo', at: at(32) })
      expect(next).toMatchObject({ created: true, version: { id: '5', parent: '4' } })
      expect(await store.getSnapshot('prod', '5')).toEqual(normalize(inventory(1)))
      expect(await store.getSnapshot('prod', '4')).toEqual(normalize(inventory(4)))
    })

    it('rejects options that say nothing to keep, or bad values, with StoreError bad_prune', async () => {
      for (const o of [{ now: at(1) }, { keepLast: 0, now: at(1) }, { keepLast: 1.5, now: at(1) }, { newerThan: -1, now: at(1) }, { keepLast: 1, now: 'yesterday' }]) {
        const e = await store.prune(o).catch((x: unknown) => x)
        expect(e).toBeInstanceOf(StoreError)
        expect((e as StoreError).code).toBe('bad_prune')
      }
      expect((await store.listVersions('prod'))).toHaveLength(4)
    })
  })
}
