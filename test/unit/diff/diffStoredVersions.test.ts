/**
 * The stored diff (changed resources from the spans + stored version facts + a few neighbours) must
 * give exactly the diff of two whole snapshots with exposure analysis (diffVersions). Random edits of
 * every kind analysis reads, on the demo environment, in a real SQLite store; several seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import type { Diff } from '../../../shared/index.ts'
import { diffStoredVersions } from '../../../server/diff/diffStoredVersions.ts'
import { diffVersions } from '../../../server/diff/diffVersions.ts'
import { loadVersionFacts } from '../../../server/diff/storedVersionFacts.ts'
import { openSqliteStore, SQLITE_FILE_NAME } from '../../../server/store/sqliteStore.ts'
import { randomVersionStory, storyTime } from '../../support/randomVersionStory.ts'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

async function storyOf(seed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vpclens-fastdiff-'))
  dirs.push(dir)
  const { snapshots, edits } = randomVersionStory(seed)
  const store = openSqliteStore(dir)
  const ids: string[] = []
  for (const [i, s] of snapshots.entries()) {
    const r = await store.put('prod', s, { source: 'demo', at: storyTime(i) })
    if (r.created) ids.push(r.version.id)
  }
  return { dir, store, ids, edits }
}

async function both(store: ReturnType<typeof openSqliteStore>, from: string, to: string): Promise<[Diff, Diff]> {
  const a = (await store.getVersion('prod', from))!
  const b = (await store.getVersion('prod', to))!
  const full = diffVersions({ id: a.id, snapshot: (await store.getSnapshot('prod', a.id))! }, { id: b.id, snapshot: (await store.getSnapshot('prod', b.id))! })
  return [await diffStoredVersions(store, 'prod', a, b), full]
}

describe('the stored diff equals the diff of whole snapshots with exposure analysis', () => {
  let exposureChanges = 0
  let withCauses = 0
  let withUnknown = 0
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: consecutive, distant and backwards pairs`, async () => {
      const { dir, store, ids, edits } = await storyOf(seed)
      const pairs: Array<[string, string]> = []
      for (let i = 0; i + 1 < ids.length; i++) pairs.push([ids[i]!, ids[i + 1]!])
      pairs.push([ids[0]!, ids[ids.length - 1]!], [ids[ids.length - 1]!, ids[1]!], [ids[2]!, ids[2]!])
      for (const [from, to] of pairs) {
        const [fast, full] = await both(store, from, to)
        expect(fast, `seed ${seed}, ${from} → ${to}; edits ${JSON.stringify(edits)}`).toEqual(full)
        exposureChanges += full.exposure.length
        withCauses += full.exposure.filter((e) => e.causes.length > 0).length
        withUnknown += full.unknownExposure!.to.length > 0 ? 1 : 0
      }
      // The facts were stored on first use: a reopened store diffs from them, and still gives the same diff.
      for (const id of ids) expect(await loadVersionFacts(store, (await store.getVersion('prod', id))!)).toBeDefined()
      await store.close()
      const again = openSqliteStore(dir)
      const [fast, full] = await both(again, ids[0]!, ids[ids.length - 1]!)
      expect(fast).toEqual(full)
      await again.close()
    })
  }
  it('covered exposure changes with causes, and unknown verdicts (the edits are not all harmless)', () => {
    expect(exposureChanges).toBeGreaterThan(20)
    expect(withCauses).toBeGreaterThan(10)
    expect(withUnknown).toBeGreaterThan(0)
  })
})

describe('a store written by an older vpclens (no derived table, no stored facts)', () => {
  it('diffs as before when opened read-only (facts computed, nothing written), and stores the facts once writable', async () => {
    const { dir, store, ids } = await storyOf(21)
    const [first, last] = [ids[0]!, ids[ids.length - 1]!]
    const [, expected] = await both(store, first, last)
    await store.close()
    // What an older vpclens left: versions and spans only.
    const db = new Database(join(dir, SQLITE_FILE_NAME))
    db.exec('DROP TABLE derived')
    db.close()
    const readOnly = openSqliteStore(dir, { readonly: true })
    const [a, b] = [(await readOnly.getVersion('prod', first))!, (await readOnly.getVersion('prod', last))!]
    expect(await loadVersionFacts(readOnly, a)).toBeUndefined()
    expect(await diffStoredVersions(readOnly, 'prod', a, b)).toEqual(expected)
    expect(await loadVersionFacts(readOnly, a)).toBeUndefined()
    await readOnly.close()
    const writable = openSqliteStore(dir)
    expect(await diffStoredVersions(writable, 'prod', a, b)).toEqual(expected)
    expect(await loadVersionFacts(writable, a)).toBeDefined()
    await writable.close()
  })
})
