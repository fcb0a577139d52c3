import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Timeline, type SecurityGroup } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

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
