/**
 * API documentation: the OpenAPI document generated from the routes' schemas covers every /api route
 * with a response schema, and /docs works in a real browser under the app's strict CSP (the browser
 * is the only thing that can show a CSP violation).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { sharedBrowser } from '../e2e/support/launchBrowser.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown }[]
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
interface OpenApi { openapi: string; paths: Record<string, Record<string, Operation>>; components: { securitySchemes: object } }

let dir: string
let store: SnapshotStore
let app: FastifyInstance
let spec: OpenApi

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-docs-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store })
  spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document of the API, declaring the bearer token', () => {
    expect(spec.openapi).toMatch(/^3\./)
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/environments', '/api/environments/{env}/versions', '/api/environments/{env}/versions/{version}/graph',
      '/api/environments/{env}/versions/{version}/resources/{id}', '/api/environments/{env}/refresh',
    ]))
    expect(spec.components.securitySchemes).toEqual({ bearerToken: { type: 'http', scheme: 'bearer' } })
  })

  it('gives every /api route a JSON response schema for success, and a schema for each path parameter', () => {
    const missing: string[] = []
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'head') continue
        const ok = Object.entries(op.responses).find(([code]) => /^2/.test(code))?.[1]
        if (!ok?.content?.['application/json']?.schema) missing.push(`${method.toUpperCase()} ${path}: no 2xx response schema`)
        for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
          if (!op.parameters?.some((p) => p.in === 'path' && p.name === name && p.schema)) missing.push(`${method.toUpperCase()} ${path}: no schema for ${name}`)
        }
      }
    }
    expect(missing).toEqual([])
  })

  it('lists every /api route the app has (none is left out of the document)', () => {
    const routes = routeList(app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.includes(' /api/') && !r.endsWith(' /api/openapi.json'))
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => m !== 'head').map((m) => `${m.toUpperCase()} ${path}`))
    expect(routes.length).toBeGreaterThan(4)
    expect(new Set(documented)).toEqual(new Set(routes))
  })
})

describe('/docs', () => {
  it('is a page that loads only its own script files: no inline script', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    const scripts = [...res.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\.\/static\/[\w.-]+\.js"/)
      expect(body.trim()).toBe('')
    }
    expect(res.body).not.toMatch(/\son\w+=/i)
  })

  it('renders the operations in Chromium under the strict CSP, with no CSP violation', async () => {
    const server = await buildApp({ store })
    await server.listen({ host: '127.0.0.1', port: 0 })
    const { port } = server.server.address() as { port: number }
    const browser = await sharedBrowser()
    try {
      const page = await browser.newPage()
      const violations: string[] = []
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()) })
      await page.goto(`http://127.0.0.1:${port}/docs/`)
      await page.waitForSelector('.opblock', { timeout: 30_000 })
      const operations = await page.locator('.opblock-summary-path').allTextContents()
      expect(operations.map((t) => t.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/api/environments', '/api/environments/{env}/versions/{version}/graph']))
      expect(violations).toEqual([])
    } finally {
      await browser.close()
      await server.close()
    }
  })
})

/** `METHOD /full/{param}` for every route in Fastify's printRoutes tree (4 columns per level). */
function routeList(tree: string): string[] {
  const stack: string[] = []
  const out: string[] = []
  for (const line of tree.split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?) \(([^)]+)\)$/.exec(line)
    if (!m) continue
    const depth = [...m[1]].length / 4
    stack.length = depth
    stack.push(m[2])
    const path = stack.join('').replace(/:(\w+)/g, '{$1}')
    for (const method of m[3].split(', ')) if (method !== 'HEAD') out.push(`${method} ${path}`)
  }
  return out
}
