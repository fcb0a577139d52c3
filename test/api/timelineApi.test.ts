import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { Timeline, type SecurityGroup, type Snapshot, type VersionChanges } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { recordVersion } from '../../server/diff/recordVersion.ts'
import { loadVersionChanges, versionChangesKey } from '../../server/diff/storedVersionChanges.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore, SQLITE_FILE_NAME } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'
import { randomVersionStory, storyTime } from '../support/randomVersionStory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-timeline-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  const v2 = smallInventory()
  ;(v2.regions[0]!.ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1]!.IpRanges![0]!.CidrIp = '0.0.0.0/0'
  v2.regions[0]!.ec2.Reservations = []
  await store.put('prod', normalize(v2), { source: 'discover', at: '2026-11-02T00:00:00.000Z' })
  await store.put('prod', normalize(smallInventory()), { source: 'import', at: '2026-11-03T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string) => app.inject({ method: 'GET', url })

describe('GET /api/environments/:env/timeline', () => {
  it('lists every version with the summary of its diff against its parent, as the diff route computes it', async () => {
    const res = await get('/api/environments/prod/timeline')
    expect(res.statusCode).toBe(200)
    const timeline = res.json()
    expect(Compile(Timeline).Check(timeline)).toBe(true)
    expect(timeline.env).toBe('prod')
    expect(timeline.versions.map((v: { id: string; source: string; parent: string | null }) => [v.id, v.source, v.parent]))
      .toEqual([['1', 'demo', null], ['2', 'discover', '1'], ['3', 'import', '2']])
    expect(timeline.versions[0].changes).toBeNull()
    for (const v of timeline.versions.slice(1)) {
      const diff = (await get(`/api/environments/prod/diff?from=${v.parent}&to=${v.id}`)).json()
      expect(v.changes, `version ${v.id}`).toEqual(diff.summary)
    }
    // 1 → 2 opens SSH to the world and removes an instance; 2 → 3 undoes both.
    expect(timeline.versions[1].changes).toMatchObject({ highestSeverity: 'critical', removed: 1 })
    expect(timeline.versions[2].changes).toMatchObject({ added: 1 })
    expect(timeline.versions[2].changes.highestSeverity).not.toBe('critical')
    expect(timeline.versions[1].resources).toBe(timeline.versions[0].resources - 1)
  })

  it('gives the same answer from its cache', async () => {
    const first = (await get('/api/environments/prod/timeline')).json()
    const again = (await get('/api/environments/prod/timeline')).json()
    expect(again).toEqual(first)
  })

  it('404s an unknown environment and 400s a malformed name', async () => {
    const missing = await get('/api/environments/nope/timeline')
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toContain('nope')
    expect((await get('/api/environments/..%2Fx/timeline')).statusCode).toBe(400)
  })
})

describe('timeline summaries from the store', () => {
  const dirs: string[] = []
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

  /** A story of random edits in a fresh data directory, recorded by `record`; its expected summaries (diffVersions of whole snapshots). */
  async function story(seed: number, record: (s: SnapshotStore, snapshot: Snapshot, i: number) => Promise<unknown>) {
    const d = mkdtempSync(join(tmpdir(), 'vpclens-timeline-story-'))
    dirs.push(d)
    const s = openSqliteStore(d)
    for (const [i, snapshot] of randomVersionStory(seed, 6).snapshots.entries()) await record(s, snapshot, i)
    const versions = await s.listVersions('prod')
    const whole = async (id: string) => ({ id, snapshot: (await s.getSnapshot('prod', id))! })
    const expected: Array<VersionChanges['summary'] | null> = [null]
    for (let i = 1; i < versions.length; i++) expected.push(diffVersions(await whole(versions[i - 1]!.id), await whole(versions[i]!.id)).summary)
    await s.close()
    return { dir: d, expected }
  }
  async function timelineOf(s: SnapshotStore, also?: (a: FastifyInstance) => Promise<void>) {
    const a = await buildApp({ store: s })
    try {
      const res = await a.inject({ method: 'GET', url: '/api/environments/prod/timeline' })
      expect(res.statusCode).toBe(200)
      await also?.(a)
      return (res.json() as Timeline).versions.map((v) => v.changes)
    } finally { await a.close() }
  }

  it('serves the summaries stored when each version was recorded: diffVersions\' summaries, read, not computed again', async () => {
    const { dir: d, expected } = await story(51, (s, snapshot, i) => recordVersion(s, 'prod', snapshot, { source: 'demo', at: storyTime(i) }))
    expect(expected.filter((x) => x && x.highestSeverity !== null).length).toBeGreaterThan(2)
    const s = openSqliteStore(d)
    expect(await timelineOf(s)).toEqual(expected)
    await s.close()
    // Proof that the route reads the stored rows: a row changed behind its back is what it serves.
    const db = new Database(join(d, SQLITE_FILE_NAME))
    const changed = db.prepare("UPDATE derived SET body = json_set(body, '$.summary.added', 999) WHERE key LIKE 'version-changes:%'").run().changes
    db.close()
    expect(changed).toBe(expected.length - 1)
    const again = openSqliteStore(d)
    // The live route (open pages polling for new versions) reads the same row.
    const latest = async (a: FastifyInstance) => {
      expect((await a.inject({ method: 'GET', url: '/api/environments/prod/latest' })).json().changes.summary.added).toBe(999)
    }
    expect((await timelineOf(again, latest)).slice(1).map((c) => c!.added)).toEqual(expected.slice(1).map(() => 999))
    await again.close()
  })

  it('computes them for versions an older vpclens recorded: without writing on a read-only store, storing them once writable', async () => {
    // store.put alone, then no derived table at all: what an older vpclens left.
    const { dir: d, expected } = await story(52, (s, snapshot, i) => s.put('prod', snapshot, { source: 'demo', at: storyTime(i) }))
    const db = new Database(join(d, SQLITE_FILE_NAME))
    db.exec('DROP TABLE derived')
    db.close()
    const readOnly = openSqliteStore(d, { readonly: true })
    expect(await timelineOf(readOnly)).toEqual(expected)
    await readOnly.close()
    const tables = () => {
      const check = new Database(join(d, SQLITE_FILE_NAME), { readonly: true })
      try { return check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'derived'").all() } finally { check.close() }
    }
    expect(tables()).toEqual([])
    const writable = openSqliteStore(d)
    const versions = await writable.listVersions('prod')
    const pairs = versions.slice(1).map((v, i) => [versions[i]!, v] as const)
    expect((await loadVersionChanges(writable, pairs)).size).toBe(0)
    expect(await timelineOf(writable)).toEqual(expected)
    const stored = await loadVersionChanges(writable, pairs)
    expect(pairs.map(([p, v]) => stored.get(versionChangesKey(p, v))?.summary)).toEqual(expected.slice(1))
    await writable.close()
  })
})
