import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'

let dir: string
let webDir: string
let store: SnapshotStore
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-static-'))
  webDir = join(dir, 'web')
  mkdirSync(join(webDir, 'assets'), { recursive: true })
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>vpclens</title>')
  writeFileSync(join(dir, 'secret.txt'), 'outside the web directory')
  store = openSqliteStore(join(dir, 'data'))
  app = await buildApp({ store, webDir })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

describe('the web app files', () => {
  it('serves a file added after the server started (a rebuild while serving)', async () => {
    writeFileSync(join(webDir, 'assets', 'index-new.js'), 'console.log(1)')
    const res = await app.inject({ method: 'GET', url: '/assets/index-new.js' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('console.log(1)')
    expect(res.headers['content-type']).toMatch(/javascript/)
  })
  it('answers client-side routes with the page', async () => {
    const res = await app.inject({ method: 'GET', url: '/some/view?env=demo' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<title>vpclens</title>')
  })
  it('never serves a file outside the web directory', async () => {
    for (const url of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.body, url).not.toContain('outside the web directory')
    }
  })
})
