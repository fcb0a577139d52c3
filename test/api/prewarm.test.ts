import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { prewarmLatest } from '../../server/cli/prewarmLatest.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance
const TOKEN = 'prewarm-token-0123456789'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-prewarm-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store, security: { token: TOKEN } })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

describe('prewarmLatest', () => {
  it('leaves the latest graph and exposure in the response cache, also behind a token', async () => {
    const get = (part: string) => app.inject({ method: 'GET', url: `/api/environments/prod/versions/latest/${part}`, headers: { authorization: `Bearer ${TOKEN}` } })
    await prewarmLatest(app, store, TOKEN)
    for (const part of ['graph', 'exposure']) {
      const res = await get(part)
      expect(res.statusCode).toBe(200)
      expect(res.headers['x-vpclens-cache'], part).toBe('hit')
    }
    // Not prewarmed: answered by computing.
    expect((await get('findings')).headers['x-vpclens-cache']).toBeUndefined()
  })
})
