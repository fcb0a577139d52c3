/**
 * The server's own safety: access token, security headers, body limit, rate limits, errors that do
 * not leak, and no way out of the web directory. HTTP transcripts through app.inject on a real
 * SQLite store.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { StoreError } from '../../server/store/StoreError.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

const TOKEN = 'test-token-0123456789abcdef'
let dir: string
let webDir: string
let store: SnapshotStore
const apps: FastifyInstance[] = []

async function app(options: Parameters<typeof buildApp>[0] | object = {}): Promise<FastifyInstance> {
  const a = await buildApp({ store, ...options })
  apps.push(a)
  return a
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-security-'))
  webDir = join(dir, 'web')
  mkdirSync(webDir)
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>vpclens</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the web directory')
  store = openSqliteStore(join(dir, 'data'))
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
})
afterAll(async () => {
  for (const a of apps) await a.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('access token', () => {
  it('401s an /api request without the header, with a JSON body and WWW-Authenticate', async () => {
    const a = await app({ security: { token: TOKEN } })
    const res = await a.inject({ method: 'GET', url: '/api/environments' })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer realm="vpclens"')
    expect(res.json()).toEqual({ code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') })
  })

  it('401s a wrong token, a token with extra characters, a prefix of it, and other schemes', async () => {
    const a = await app({ security: { token: TOKEN } })
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer nope', `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
      const res = await a.inject({ method: 'GET', url: '/api/environments', headers: { authorization } })
      expect(res.statusCode, authorization).toBe(401)
    }
  })

  it('200s with the right token, on every /api route including the OpenAPI document', async () => {
    const a = await app({ security: { token: TOKEN } })
    for (const url of ['/api/environments', '/api/environments/prod/versions', '/api/environments/prod/versions/1/graph', '/api/openapi.json']) {
      const res = await a.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.statusCode, url).toBe(200)
    }
    const lower = await a.inject({ method: 'GET', url: '/api/environments', headers: { authorization: `bearer ${TOKEN}` } })
    expect(lower.statusCode).toBe(200)
  })

  it('checks the token before anything else: an unknown /api route without it is 401, not 404', async () => {
    const a = await app({ security: { token: TOKEN } })
    expect((await a.inject({ method: 'GET', url: '/api/nope' })).statusCode).toBe(401)
    expect((await a.inject({ method: 'GET', url: '/api?x=1' })).statusCode).toBe(401)
  })

  it('leaves the web page and /docs open (they hold no data), so the page can ask for the token', async () => {
    const a = await app({ security: { token: TOKEN }, webDir })
    expect((await a.inject({ method: 'GET', url: '/' })).statusCode).toBe(200)
    expect((await a.inject({ method: 'GET', url: '/docs/' })).statusCode).toBe(200)
  })

  it('needs no token when none is configured (loopback default)', async () => {
    const a = await app()
    expect((await a.inject({ method: 'GET', url: '/api/environments' })).statusCode).toBe(200)
  })
})

describe('security headers', () => {
  it('sends a strict Content-Security-Policy on API, page and docs responses', async () => {
    const a = await app({ webDir })
    for (const url of ['/api/environments', '/', '/docs/', '/api/nope']) {
      const res = await a.inject({ method: 'GET', url })
      const csp = String(res.headers['content-security-policy'])
      const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
      expect(directives['script-src'], url).toEqual(["'self'"])
      expect(directives['script-src-attr'], url).toEqual(["'none'"])
      expect(directives['object-src'], url).toEqual(["'none'"])
      expect(directives['frame-ancestors'], url).toEqual(["'none'"])
      expect(directives['default-src'], url).toEqual(["'self'"])
      expect(csp).not.toContain('unsafe-eval')
      expect(res.headers['x-content-type-options'], url).toBe('nosniff')
      expect(res.headers['referrer-policy'], url).toBe('no-referrer')
    }
  })
})

describe('limits', () => {
  it('413s a request body over 1 MiB, before any handler runs', async () => {
    const a = await app()
    const res = await a.inject({
      method: 'POST', url: '/api/environments/prod/refresh',
      headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('FST_ERR_CTP_BODY_TOO_LARGE')
  })

  it('rate limits POST refresh per client (429 with a clear message), but not polling its status', async () => {
    const a = await app({ security: { rateLimits: { refreshPerMinute: 2, diffPerMinute: 60 } } })
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })).statusCode)
    expect(codes).toEqual([409, 409, 429])
    const limited = await a.inject({ method: 'POST', url: '/api/environments/prod/refresh' })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toEqual({ code: 'rate_limited', message: expect.stringMatching(/at most 2 per minute/) })
    for (let i = 0; i < 5; i++) expect((await a.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).statusCode).toBe(409)
  })

  it('rate limits the diff routes registered by the diff module', async () => {
    const a = await app({ security: { rateLimits: { refreshPerMinute: 6, diffPerMinute: 2 } } })
    const codes: number[] = []
    for (let i = 0; i < 3; i++) codes.push((await a.inject({ method: 'GET', url: '/api/environments/prod/diff?from=1&to=1' })).statusCode)
    expect(codes).toEqual([200, 200, 429])
    // The graph route is not limited.
    for (let i = 0; i < 5; i++) expect((await a.inject({ method: 'GET', url: '/api/environments/prod/versions/1/graph' })).statusCode).toBe(200)
  })

  it('applies the diff limit to any route with a diff segment, whoever registers it', async () => {
    const { expensiveRouteLimit } = await import('../../server/security/rateLimitExpensiveRoutes.ts')
    const limits = { refreshPerMinute: 6, diffPerMinute: 60 }
    expect(expensiveRouteLimit('GET', '/api/environments/:env/diff', limits)).toBe(60)
    expect(expensiveRouteLimit('GET', '/api/environments/:env/versions/:from/diff/:to', limits)).toBe(60)
    expect(expensiveRouteLimit('POST', '/api/environments/:env/refresh', limits)).toBe(6)
    expect(expensiveRouteLimit('GET', '/api/environments/:env/refresh', limits)).toBeUndefined()
    expect(expensiveRouteLimit('GET', '/api/environments/:env/versions/:version/graph', limits)).toBeUndefined()
  })
})

describe('errors and files', () => {
  it('never leaks internals in 5xx bodies', async () => {
    const broken: SnapshotStore = {
      ...store,
      listEnvironments: async () => { throw new Error('SQLITE_CORRUPT at /srv/secret/path.sqlite line 42') },
      listVersions: async () => { throw new StoreError('store_unavailable', 'cannot read postgres://vpclens:***@db/x: timeout') },
    }
    const a = await app({ store: broken })
    const internal = await a.inject({ method: 'GET', url: '/api/environments' })
    expect(internal.statusCode).toBe(500)
    expect(internal.json()).toEqual({ code: 'internal', message: 'internal error' })
    const unavailable = await a.inject({ method: 'GET', url: '/api/environments/prod/versions' })
    expect(unavailable.statusCode).toBe(503)
    expect(unavailable.body).not.toContain('postgres://')
  })

  it('serves nothing outside the web directory, however the path is spelled', async () => {
    const a = await app({ webDir })
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/static/..%5c..%5csecret.txt']) {
      const res = await a.inject({ method: 'GET', url })
      expect(res.body, url).not.toContain('outside the web directory')
    }
  })

  it('has no route that writes other than refresh (which writes through the store only)', async () => {
    const a = await app()
    const spec = (await a.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
    const writes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    expect(writes).toEqual(['POST /api/environments/{env}/refresh'])
  })
})

describe('which hosts need a token', () => {
  it('treats only loopback addresses as private', async () => {
    const { isLoopbackHost } = await import('../../server/security/isLoopbackHost.ts')
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true)
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.10', 'example.com', '::ffff:10.0.0.1', '128.0.0.1']) expect(isLoopbackHost(h), h).toBe(false)
  })
})
