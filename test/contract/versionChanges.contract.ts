/**
 * The changes recordVersion stores for a new version (summary and counts by severity against its
 * parent) must be what the diff of the two whole snapshots with exposure analysis gives
 * (diffVersions), on SQLite (sqlite.test.ts) and PostgreSQL (postgres.test.ts). Random edits of every
 * kind analysis reads (randomVersionStory); one story has a version with warnings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VersionSummary } from '../../shared/index.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { recordVersion } from '../../server/diff/recordVersion.ts'
import { loadVersionChanges, versionChangesKey, versionChangesOf } from '../../server/diff/storedVersionChanges.ts'
import { versionChanges } from '../../server/diff/versionChanges.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { randomVersionStory, storyTime } from '../support/randomVersionStory.ts'
import type { StoreHarness, StoreLocation } from './snapshotStore.contract.ts'

export function versionChangesContract(harness: StoreHarness): void {
  describe(`stored version changes: ${harness.name}`, () => {
    let location: StoreLocation
    let store: SnapshotStore
    beforeEach(async () => { location = await harness.create(); store = location.open() })
    afterEach(async () => { await store.close(); await location.dispose() })

    /** Each version with a parent, and what diffVersions says of it, from the whole stored snapshots. */
    async function expected(env = 'prod'): Promise<Array<{ parent: VersionSummary; version: VersionSummary; full: ReturnType<typeof diffVersions> }>> {
      const versions = await store.listVersions(env)
      const out = []
      for (const [i, version] of versions.entries()) {
        if (i === 0) continue
        const parent = versions[i - 1]!
        const whole = async (v: VersionSummary) => ({ id: v.id, snapshot: (await store.getSnapshot(env, v.id))! })
        out.push({ parent, version, full: diffVersions(await whole(parent), await whole(version)) })
      }
      return out
    }

    it('records each new version\'s changes against its parent, equal to the whole-snapshot diff\'s', async () => {
      let exposure = 0
      let severe = 0
      for (const seed of [41, 42, 43]) {
        const env = `prod-${seed}`
        const { snapshots, edits } = randomVersionStory(seed, 6)
        const recorded = []
        for (const [i, s] of snapshots.entries()) recorded.push(await recordVersion(store, env, s, { source: 'demo', at: storyTime(i) }))
        const pairs = await expected(env)
        expect(pairs.length).toBeGreaterThan(3)
        const stored = await loadVersionChanges(store, pairs.map((p) => [p.parent, p.version]))
        for (const { parent, version, full } of pairs) {
          const why = `seed ${seed}, ${parent.id} → ${version.id}; edits ${JSON.stringify(edits)}`
          expect(stored.get(versionChangesKey(parent, version)), why).toEqual(versionChanges(full))
          // What recordVersion returns (watch alerts use it) is the whole diff, not only its counts.
          expect(recorded.find((r) => r.version.id === version.id)!.diff, why).toEqual(full)
          exposure += full.summary.exposure
          severe += full.summary.highestSeverity === 'critical' || full.summary.highestSeverity === 'high' ? 1 : 0
        }
      }
      // The edits are not all harmless: exposure changed, and some changes graded high or critical.
      expect(exposure).toBeGreaterThan(5)
      expect(severe).toBeGreaterThan(0)
    })

    it('a version recorded without them (an older vpclens) gets them computed on first use, and stored', async () => {
      const { snapshots } = randomVersionStory(44, 4)
      // store.put alone: what an older vpclens recorded (no facts, no changes).
      for (const [i, s] of snapshots.entries()) await store.put('prod', s, { source: 'demo', at: storyTime(i) })
      const pairs = await expected()
      expect((await loadVersionChanges(store, pairs.map((p) => [p.parent, p.version]))).size).toBe(0)
      for (const { parent, version, full } of pairs) expect(await versionChangesOf(store, 'prod', parent, version)).toEqual(versionChanges(full))
      const stored = await loadVersionChanges(store, pairs.map((p) => [p.parent, p.version]))
      expect(stored.size).toBe(pairs.length)
      for (const { parent, version, full } of pairs) expect(stored.get(versionChangesKey(parent, version))).toEqual(versionChanges(full))
    })
  })
}
