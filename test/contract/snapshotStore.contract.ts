/**
 * The one contract every SnapshotStore keeps, run against SQLite (sqlite.test.ts) and PostgreSQL
 * (postgres.test.ts). A harness hands out fresh, empty store locations; `open()` may be called again
 * after `close()` to check that data survives a reopen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { normalize } from '../../server/snapshot/normalize.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'
import type { Resource, SecurityGroup } from '../../shared/index.ts'
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

    it('lists the resources that differ between any two versions, from the spans, as whole snapshots would', async () => {
      // 1 → 2: a rule changes; 3: back to 1's content; 4: an instance goes; 5: it comes back changed, a group too.
      const removed = smallInventory()
      removed.regions[0].ec2.Reservations = []
      const back = changedInventory('198.51.100.0/24')
      back.regions[0].ec2.Reservations[0]!.Instances![0]!.Tags = [{ Key: 'Name', Value: 'web-renamed' }]
      const snapshots = [smallInventory(), changedInventory(), smallInventory(), removed, back].map((i) => normalize(i))
      for (const [i, s] of snapshots.entries()) await store.put('prod', s, { source: 'demo', at: `2026-11-0${i + 1}T00:00:00.000Z` })
      await store.put('staging', normalize(changedInventory('203.0.113.0/24')), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      const full = async (v: string) => new Map((await store.getSnapshot('prod', v))!.resources.map((r) => [r.id, r]))
      let nonEmpty = 0
      for (let a = 1; a <= 5; a++) {
        for (let b = 1; b <= 5; b++) {
          const [x, y] = [await full(String(a)), await full(String(b))]
          const expected = [...new Set([...x.keys(), ...y.keys()])].sort()
            .filter((id) => contentOf(x.get(id)) !== contentOf(y.get(id)))
            .map((id) => ({ id, ...(x.has(id) ? { before: x.get(id) } : {}), ...(y.has(id) ? { after: y.get(id) } : {}) }))
          const got = await store.changedResources('prod', String(a), String(b))
          expect(got, `${a} → ${b}`).toEqual(expected)
          if (expected.length > 0) nonEmpty++
        }
      }
      expect(nonEmpty).toBeGreaterThan(10)
      // Changed back: versions 1 and 3 hold the same content, although sg-web changed in between.
      expect(await store.changedResources('prod', '1', '3')).toEqual([])
      expect((await store.changedResources('prod', '3', '4'))!.map((c) => [c.id, !!c.before, !!c.after])).toEqual([['i-web', true, false]])
      expect((await store.changedResources('prod', 'latest', '4'))!.find((c) => c.id === 'i-web')).toMatchObject({ before: { name: 'web-renamed' } })
      expect(await store.changedResources('prod', '1', '9')).toBeUndefined()
      expect(await store.changedResources('nope', '1', '1')).toBeUndefined()
    })

    it('reads several resources of one version at once, leaving out ids it does not hold', async () => {
      await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
      await store.put('prod', normalize(changedInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
      const one = (await store.getSnapshot('prod', '1'))!.resources
      const got = await store.getResources('prod', '1', ['vpc-1', 'sg-web', 'sg-nope', 'i-web', 'sg-web'])
      expect(got).toEqual(one.filter((r) => ['i-web', 'sg-web', 'vpc-1'].includes(r.id)).sort((a, b) => (a.id < b.id ? -1 : 1)))
      const rule = (r: Resource | undefined) => ((r as SecurityGroup | undefined) && (r!.attributes.rules as unknown[]))
      expect(rule((await store.getResources('prod', '2', ['sg-web']))[0])).not.toEqual(rule(got.find((r) => r.id === 'sg-web')))
      expect(await store.getResources('prod', '7', ['vpc-1'])).toEqual([])
    })

    it('keeps derived data once per key: the first text stays, and it survives a reopen', async () => {
      expect(await store.getDerived('k1')).toBeUndefined()
      await store.putDerived('k1', 'h1', '{"a":1}')
      await store.putDerived('k1', 'h1', '{"a":2}')
      await store.putDerived('k2', 'h1', '{"b":1}')
      await store.close()
      store = location.open()
      expect(await store.getDerived('k1')).toBe('{"a":1}')
      expect(await store.getDerived('k2')).toBe('{"b":1}')
      // Several at once: the keys found, each once.
      expect(await store.getDerivedMany(['k2', 'nope', 'k1', 'k2'])).toEqual(new Map([['k2', '{"b":1}'], ['k1', '{"a":1}']]))
      expect(await store.getDerivedMany([])).toEqual(new Map())
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

const contentOf = (r: Resource | undefined) => (r ? JSON.stringify(r) : '')
