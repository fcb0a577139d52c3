/**
 * The response cache that keeps large versions cheap to serve under load (bench/load.bench.ts):
 * hits are byte-identical to fresh answers and keep the security headers; `latest` follows new
 * versions; a pruned version is not served from the cache.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { changedInventory } from '../contract/storeSnapshots.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-cache-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterEach(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string) => app.inject({ method: 'GET', url })

describe('version response cache', () => {
  it('answers a repeated request from the cache, byte for byte, with the same headers', async () => {
    for (const route of ['graph', 'exposure', 'findings']) {
      const first = await get(`/api/environments/prod/versions/1/${route}`)
      const second = await get(`/api/environments/prod/versions/1/${route}`)
      expect(first.statusCode, route).toBe(200)
      expect(first.headers['x-vpclens-cache'], route).toBeUndefined()
      expect(second.headers['x-vpclens-cache'], route).toBe('hit')
      expect(second.body).toBe(first.body)
      expect(second.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy'])
    }
  })

  it('resolves latest on every request, so a new version is served at once', async () => {
    const before = (await get('/api/environments/prod/versions/latest/exposure')).json()
    expect((await get('/api/environments/prod/versions/latest/exposure')).headers['x-vpclens-cache']).toBe('hit')
    await store.put('prod', normalize(changedInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    const after = await get('/api/environments/prod/versions/latest/exposure')
    expect(after.headers['x-vpclens-cache']).toBeUndefined()
    expect(after.json().hash).not.toBe(before.hash)
    expect(after.json()).toEqual((await get('/api/environments/prod/versions/2/exposure')).json())
  })

  it('does not serve a pruned version from the cache', async () => {
    await store.put('prod', normalize(changedInventory()), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    expect((await get('/api/environments/prod/versions/1/graph')).statusCode).toBe(200)
    await store.prune({ env: 'prod', keepLast: 1, now: '2026-11-03T00:00:00.000Z' })
    const res = await get('/api/environments/prod/versions/1/graph')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('version 1 of environment prod not found')
  })

  it('keeps environments with the same content apart (answers name their environment)', async () => {
    await store.put('staging', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    const prod = (await get('/api/environments/prod/versions/1/exposure')).json()
    const staging = (await get('/api/environments/staging/versions/1/exposure')).json()
    expect(prod.env).toBe('prod')
    expect(staging.env).toBe('staging')
  })
})
