/**
 * POST/GET /api/environments/:env/refresh with a RefreshRunner. The collector is a fake here (it
 * stands in for AWS discovery, which the watch integration test runs against moto); the store,
 * normalize and the HTTP layer are real.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Inventory } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import type { Collector } from '../../server/watch/Collector.ts'
import { RefreshRunner } from '../../server/watch/RefreshRunner.ts'
import { changedInventory } from '../contract/storeSnapshots.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance | undefined
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-refresh-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
})
afterEach(async () => { await app?.close(); app = undefined; await store.close(); rmSync(dir, { recursive: true, force: true }) })

function collectorOf(inventory: () => Inventory, defaultEnv = '123456789012'): Collector & { calls: number } {
  const c = Object.assign(async () => { c.calls++; return { inventory: inventory(), defaultEnv } }, { calls: 0 })
  return c
}

async function serve(refresher: RefreshRunner): Promise<FastifyInstance> {
  app = await buildApp({ store, refresher })
  return app
}

describe('refresh', () => {
  it('starts discovery (202), then reports the new version to open', async () => {
    const refresher = new RefreshRunner({ collect: collectorOf(() => ({ ...changedInventory(), source: 'discover' })), store, env: 'prod' })
    const a = await serve(refresher)
    const started = await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    expect(started.statusCode).toBe(202)
    expect(started.json()).toMatchObject({ env: 'prod', state: 'running', finishedAt: null, version: null })
    await refresher.idle()
    const done = (await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()
    expect(done).toMatchObject({ env: 'prod', state: 'succeeded', version: '2', created: true, error: null })
    expect(done.finishedAt).not.toBeNull()
    expect((await store.getVersion('prod', 'latest'))).toMatchObject({ id: '2', source: 'discover', parent: '1' })
  })

  it('says "unchanged" by created: false when discovery finds the same network', async () => {
    const refresher = new RefreshRunner({ collect: collectorOf(smallInventory), store, env: 'prod' })
    const a = await serve(refresher)
    await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    await refresher.idle()
    expect((await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()).toMatchObject({ state: 'succeeded', version: '1', created: false })
  })

  it('joins the run already going instead of starting another, and shows its progress', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => { release = r })
    let calls = 0
    const collect: Collector = async (onStep) => {
      calls++
      onStep?.({ done: 1, total: 4, message: '123456789012 eu-west-1 ec2 done' })
      await gate
      return { inventory: changedInventory(), defaultEnv: 'prod' }
    }
    const refresher = new RefreshRunner({ collect, store })
    const a = await serve(refresher)
    const first = (await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })).json()
    const second = (await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })).json()
    expect(second.startedAt).toBe(first.startedAt)
    const during = (await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()
    expect(during).toMatchObject({ state: 'running', progress: { done: 1, total: 4, message: '123456789012 eu-west-1 ec2 done' } })
    release()
    await refresher.idle()
    expect(calls).toBe(1)
  })

  it('reports a failed run with its reason, and a later POST runs again', async () => {
    let fail = true
    const collect: Collector = async () => {
      if (fail) throw new Error('cannot establish who is calling (sts:GetCallerIdentity): ExpiredToken')
      return { inventory: changedInventory(), defaultEnv: 'prod' }
    }
    const refresher = new RefreshRunner({ collect, store, env: 'prod' })
    const a = await serve(refresher)
    await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    await refresher.idle()
    expect((await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json())
      .toMatchObject({ state: 'failed', error: 'cannot establish who is calling (sts:GetCallerIdentity): ExpiredToken' })
    fail = false
    await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    await refresher.idle()
    expect((await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()).toMatchObject({ state: 'succeeded', version: '2' })
  })

  it('refuses a run that read nothing (it would look like every resource vanished)', async () => {
    const refresher = new RefreshRunner({ collect: collectorOf(() => ({ ...smallInventory(), regions: [] }), 'prod'), store })
    const a = await serve(refresher)
    await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    await refresher.idle()
    const status = (await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()
    expect(status).toMatchObject({ state: 'failed', error: expect.stringMatching(/^nothing could be read/) })
    expect(await store.listVersions('prod')).toHaveLength(1)
  })

  it('404s another environment than the one configured, and fails a run whose account is another environment', async () => {
    const fixed = await serve(new RefreshRunner({ collect: collectorOf(smallInventory), store, env: 'prod' }))
    const other = await fixed.inject({ method: 'POST', url: '/api/environments/staging/refresh' })
    expect(other.statusCode).toBe(404)
    expect(other.json().message).toBe('this server refreshes environment prod only, not staging')
    await fixed.close(); app = undefined

    const refresher = new RefreshRunner({ collect: collectorOf(changedInventory, '123456789012'), store })
    const a = await serve(refresher)
    await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    await refresher.idle()
    expect((await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()).toMatchObject({
      state: 'failed', error: "this server's discovery reads 123456789012: refresh environment 123456789012, not prod",
    })
    expect(await store.listVersions('prod')).toHaveLength(1)
  })

  it('409s when serve has no discover options, and 400s a malformed environment name', async () => {
    app = await buildApp({ store })
    const res = await app.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'refresh_unavailable', message: expect.stringContaining('--refresh') })
    const bad = await app.inject({ method: 'POST', url: '/api/environments/%3Cscript%3E/refresh' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/^params\.env: /)
  })
})
