/**
 * Versions by time in the API (path parameter `version`, query `from`/`to`) and the latest-version
 * endpoint open pages poll (`GET /api/environments/:env/latest` with ETag). Versions are recorded
 * through a second store handle on the same SQLite file, as another process (watch, import) would:
 * the app must learn of them from the store, not from its own writes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LatestVersion } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'

const HOUR = 3_600_000
const inventories = generateDemoVersions({})
let dir: string
let store: SnapshotStore
let writer: SnapshotStore
let app: FastifyInstance
let times: string[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-timeapi-'))
  store = openSqliteStore(dir)
  writer = openSqliteStore(dir)
  const now = Date.now()
  times = [now - 5 * HOUR, now - 3 * HOUR, now - 1 * HOUR].map((t) => new Date(t).toISOString())
  // Versions 1 and 2 of the demo story; version 3 is recorded by a test below.
  for (const i of [0, 1]) await writer.put('demo', normalize(inventories[i]!), { source: 'demo', at: times[i]! })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); await writer.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers })
const typed = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 16) + 'Z'

describe('versions by time in the API', () => {
  it('resolves a time in the version path parameter to the version current then, and says which', async () => {
    const res = await get(`/api/environments/demo/versions/${typed(Date.parse(times[0]!) + HOUR)}/findings`)
    expect(res.statusCode).toBe(200)
    expect(res.json().version).toBe('1')
    expect(res.headers['x-vpclens-version']).toBe('1')
    const rel = await get(`/api/environments/demo/versions/${encodeURIComponent('2h ago')}/exposure`)
    expect(rel.statusCode).toBe(200)
    expect(rel.json().version).toBe('2')
    // Two hours ago is after version 2 was last checked (three hours ago).
    expect(rel.headers['x-vpclens-after-last-check']).toBe('true')
    const graph = await get(`/api/environments/demo/versions/${encodeURIComponent('4h ago')}/graph`)
    expect(graph.statusCode).toBe(200)
    expect(graph.headers['x-vpclens-version']).toBe('1')
    // A version by number carries no such header.
    expect((await get('/api/environments/demo/versions/2/findings')).headers['x-vpclens-version']).toBeUndefined()
  })

  it('takes times for from and to of a diff, an unencoded "+" offset included', async () => {
    const from = new Date(Date.parse(times[0]!) + 60_000)
    // 1 h ahead of UTC, written with a "+" that a query string reads as a space.
    const local = new Date(from.getTime() + HOUR).toISOString().slice(0, 16) + '+01:00'
    const res = await get(`/api/environments/demo/diff?from=${local}&to=${encodeURIComponent('30m ago')}`)
    expect(res.statusCode, res.body).toBe(200)
    const diff = res.json()
    expect([diff.from.version, diff.to.version]).toEqual(['1', '2'])
    expect(diff.summary.highestSeverity).toBe('critical')
    expect(res.headers['x-vpclens-version']).toBe('from=1, to=2')
  })

  it('answers 400 naming the parameter for a malformed time or one in the future, 404 before the first version', async () => {
    const bad = await get('/api/environments/demo/versions/2026-11-28T02:10/graph')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toEqual({ code: 'bad_request', message: 'params.version: "2026-11-28T02:10" has no time zone: add Z for UTC or an offset such as +01:00 (vpclens does not guess the local zone)' })
    const future = await get(`/api/environments/demo/diff?from=1&to=${typed(Date.now() + 48 * HOUR)}`)
    expect(future.statusCode).toBe(400)
    expect(future.json().message).toMatch(/^querystring\.to: \S+ \("\S+"\) is in the future \(now is \S+\): no version is known to be current then$/)
    const before = await get('/api/environments/demo/versions/2020-01-01T00:00Z/findings')
    expect(before.statusCode).toBe(404)
    expect(before.json()).toEqual({ code: 'not_found', message: `params.version: 2020-01-01T00:00:00.000Z ("2020-01-01T00:00Z") is before the first stored version (version 1, recorded ${times[0]})` })
    const garbage = await get('/api/environments/demo/diff?from=yesterday&to=2')
    expect(garbage.statusCode).toBe(400)
    expect(garbage.json().message).toMatch(/^querystring\.from: expected a version number, "latest", a time/)
    expect((await get('/api/environments/nope/versions/1h%20ago/graph')).json()).toEqual({ code: 'not_found', message: 'environment nope not found' })
  })

  it('is documented: the OpenAPI parameter says times are accepted', async () => {
    const spec = (await get('/api/openapi.json')).json()
    const param = spec.paths['/api/environments/{env}/versions/{version}/graph'].get.parameters.find((p: { name: string }) => p.name === 'version')
    expect(param.description).toMatch(/"2h ago"/)
    expect(spec.paths['/api/environments/{env}/latest'].get.responses['200']).toBeDefined()
  })
})

describe('GET /api/environments/:env/latest', () => {
  it('serves the latest version with its changes against the parent, and 304 for the same ETag', async () => {
    const res = await get('/api/environments/demo/latest')
    expect(res.statusCode).toBe(200)
    const latest = res.json()
    expect(Compile(LatestVersion).Check(latest)).toBe(true)
    expect(latest).toMatchObject({ env: 'demo', id: '2', createdAt: times[1], source: 'demo', parent: '1' })
    // The demo's second version opens ssh to the world: one critical rule change, one critical exposure.
    expect(latest.changes.changes).toEqual({ critical: 1, high: 0, medium: 0, low: 0, info: 0 })
    expect(latest.changes.exposure).toEqual({ critical: 1, high: 0, medium: 0, low: 0, info: 0 })
    expect(latest.changes.summary).toEqual((await get('/api/environments/demo/diff?from=1&to=2')).json().summary)
    expect(res.headers['cache-control']).toBe('no-cache')
    const etag = res.headers.etag as string
    expect(etag).toMatch(/^"v2-[0-9a-f]{16}"$/)
    const same = await get('/api/environments/demo/latest', { 'if-none-match': etag })
    expect(same.statusCode).toBe(304)
    expect(same.body).toBe('')
    expect((await get('/api/environments/demo/latest', { 'if-none-match': `"x", W/${etag}` })).statusCode).toBe(304)
    expect((await get('/api/environments/demo/latest', { 'if-none-match': '"v1-0000000000000000"' })).statusCode).toBe(200)
  })

  it('sees a version another store handle recorded: the ETag changes and the new changes are served', async () => {
    const before = (await get('/api/environments/demo/latest')).headers.etag as string
    // A run that finds nothing new only moves checkedAt: same version, same ETag.
    await writer.put('demo', normalize(inventories[1]!), { source: 'discover', at: new Date(Date.parse(times[2]!) - 60_000).toISOString() })
    expect((await get('/api/environments/demo/latest', { 'if-none-match': before })).statusCode).toBe(304)
    await writer.put('demo', normalize(inventories[2]!), { source: 'import', at: times[2]! })
    const res = await get('/api/environments/demo/latest', { 'if-none-match': before })
    expect(res.statusCode).toBe(200)
    expect(res.headers.etag).not.toBe(before)
    const latest = res.json()
    expect(latest).toMatchObject({ id: '3', parent: '2', source: 'import', createdAt: times[2] })
    const diff = (await get('/api/environments/demo/diff?from=2&to=3')).json()
    expect(latest.changes.summary).toEqual(diff.summary)
    const total = Object.values(latest.changes.changes as Record<string, number>).reduce((a, b) => a + b, 0)
    expect(total).toBe(diff.resources.length + diff.relationships.length)
  })

  it('answers 404 for an unknown environment and 400 for a bad name', async () => {
    expect((await get('/api/environments/nope/latest')).json()).toEqual({ code: 'not_found', message: 'environment nope not found' })
    expect((await get('/api/environments/%20bad/latest')).statusCode).toBe(400)
  })
})
