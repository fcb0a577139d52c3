import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-api-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  const inv = smallInventory()
  inv.regions[0].ec2.Reservations = []
  inv.regions[0].ec2.NetworkInterfaces = []
  await store.put('prod', normalize(inv), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

describe('GET /api/environments', () => {
  it('lists environments with their latest version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ environments: [{ name: 'prod', versionCount: 2, latestVersion: '2', updatedAt: '2026-11-02T00:00:00.000Z' }] })
  })
})

describe('GET /api/environments/:env/versions', () => {
  it('lists versions oldest first with counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments/prod/versions' })
    expect(res.statusCode).toBe(200)
    const { versions } = res.json()
    expect(versions.map((v: { id: string }) => v.id)).toEqual(['1', '2'])
    expect(versions[0].counts.instance).toBe(1)
    expect(versions[1].counts.instance).toBeUndefined()
    expect(versions[1].parent).toBe('1')
  })
  it('404s an unknown environment, naming it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments/nope/versions' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ code: 'not_found', message: 'environment nope not found' })
  })
  it('400s a malformed environment name, naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments/%3Cx%3E/versions' })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/^params\.env: /)
  })
})

describe('GET …/versions/:version/graph', () => {
  it('serves the graph of a version, and of latest', async () => {
    const v1 = (await app.inject({ method: 'GET', url: '/api/environments/prod/versions/1/graph' })).json()
    expect(v1.nodes.some((n: { id: string }) => n.id === 'i-web')).toBe(true)
    const latest = (await app.inject({ method: 'GET', url: '/api/environments/prod/versions/latest/graph' })).json()
    expect(latest.nodes.some((n: { id: string }) => n.id === 'i-web')).toBe(false)
    expect(latest.nodes.some((n: { id: string }) => n.id === 'vpc-1')).toBe(true)
  })
  it('404s an unknown version and 400s a malformed one', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/environments/prod/versions/9/graph' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toBe('version 9 of environment prod not found')
    const bad = await app.inject({ method: 'GET', url: '/api/environments/prod/versions/abc/graph' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/^params\.version: /)
  })
})

describe('GET …/resources/:id', () => {
  it('serves one resource with all its attributes and raw object', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments/prod/versions/1/resources/sg-web' })
    expect(res.statusCode).toBe(200)
    const sg = res.json()
    expect(sg).toMatchObject({ id: 'sg-web', kind: 'security-group', account: '123456789012', vpcId: 'vpc-1' })
    expect(sg.raw.IpPermissions).toHaveLength(2)
  })
  it('serves each resource of a version as itself, also on repeated requests (the response cache keys on the id)', async () => {
    for (let round = 0; round < 2; round++) {
      for (const id of ['sg-web', 'vpc-1', 'i-web']) {
        const res = await app.inject({ method: 'GET', url: `/api/environments/prod/versions/1/resources/${id}` })
        expect(res.json().id).toBe(id)
      }
    }
  })
  it('404s a resource that is not in that version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/environments/prod/versions/2/resources/i-web' })
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('resource i-web in version 2 of prod not found')
  })
  it('answers unknown API routes with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing' })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('not_found')
  })
})
