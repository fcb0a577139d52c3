import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Diff, DiffGraph, ResourceHistory, type SecurityGroup } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-diffapi-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  const v2 = smallInventory()
  ;(v2.regions[0]!.ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1]!.IpRanges![0]!.CidrIp = '0.0.0.0/0'
  v2.regions[0]!.ec2.Reservations = []
  await store.put('prod', normalize(v2), { source: 'discover', at: '2026-11-02T00:00:00.000Z' })
  // A third version equal in content to the first: the cached diff must still carry the right labels.
  await store.put('prod', normalize(smallInventory()), { source: 'discover', at: '2026-11-03T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string) => app.inject({ method: 'GET', url })

describe('GET /api/environments/:env/diff', () => {
  it('serves the diff of two versions, the world-open port first', async () => {
    const res = await get('/api/environments/prod/diff?from=1&to=2')
    expect(res.statusCode).toBe(200)
    const diff = res.json()
    expect(Compile(Diff).Check(diff)).toBe(true)
    expect(diff.from).toMatchObject({ version: '1' })
    // Exposure analysis: the web server's interface (public IP, internet route) is now reachable on 22 from the internet.
    expect(diff.exposureBasis).toBe('analysis')
    expect(diff.exposure[0]).toMatchObject({ change: 'widened', severity: 'critical', resourceId: 'eni-web', resourceKind: 'network-interface', protocol: 'tcp', ports: { from: 22, to: 22 } })
    expect(diff.exposure[0].causes).toEqual([expect.objectContaining({ resourceId: 'sg-web', key: 'tcp/22/0.0.0.0/0', change: 'added' })])
    expect(diff.resources.map((r: { id: string; change: string }) => [r.id, r.change])).toEqual([['sg-web', 'modified'], ['i-web', 'removed']])
  })
  it('accepts latest, and labels a cached pair with the versions asked for', async () => {
    await get('/api/environments/prod/diff?from=1&to=2')
    const res = await get('/api/environments/prod/diff?from=3&to=latest')
    expect(res.json()).toMatchObject({ from: { version: '3' }, to: { version: '3' }, summary: { highestSeverity: null } })
    const again = (await get('/api/environments/prod/diff?from=3&to=2')).json()
    expect(again).toMatchObject({ from: { version: '3' }, to: { version: '2' }, summary: { highestSeverity: 'critical' } })
  })
  it('400s a malformed or missing query field, naming it', async () => {
    const bad = await get('/api/environments/prod/diff?from=1&to=two')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/^querystring\.to: /)
    const missing = await get('/api/environments/prod/diff?to=2')
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toContain('from')
  })
  it('404s an unknown version or environment, saying which', async () => {
    const v = await get('/api/environments/prod/diff?from=1&to=9')
    expect(v.statusCode).toBe(404)
    expect(v.json()).toEqual({ code: 'not_found', message: 'to: version 9 of environment prod not found' })
    const e = await get('/api/environments/nope/diff?from=1&to=2')
    expect(e.json()).toEqual({ code: 'not_found', message: 'environment nope not found' })
  })
})

describe('GET /api/environments/:env/diff/graph', () => {
  it('serves the union of both graphs with a status on every node and edge', async () => {
    const res = await get('/api/environments/prod/diff/graph?from=1&to=2')
    expect(res.statusCode).toBe(200)
    const g = res.json()
    expect(Compile(DiffGraph).Check(g)).toBe(true)
    const status = (id: string) => g.nodes.find((n: { resourceId?: string }) => n.resourceId === id)?.status
    expect(status('i-web')).toBe('removed')
    expect(status('vpc-1')).toBe('unchanged')
    const removedEdges = g.edges.filter((e: { status: string }) => e.status === 'removed')
    expect(removedEdges.length).toBeGreaterThan(0)
  })
})

describe('GET /api/environments/:env/resources/:id/history', () => {
  it('lists every revision with what changed', async () => {
    const res = await get('/api/environments/prod/resources/sg-web/history')
    expect(res.statusCode).toBe(200)
    const h = res.json()
    expect(Compile(ResourceHistory).Check(h)).toBe(true)
    expect(h.revisions.map((r: { fromVersion: string; untilVersion: string | null }) => [r.fromVersion, r.untilVersion])).toEqual([['1', '2'], ['2', '3'], ['3', null]])
    expect(h.revisions[0].changes).toBeNull()
    expect(h.revisions[1].changes.rules.map((c: { change: string; key: string }) => [c.change, c.key]))
      .toEqual([['added', 'tcp/22/0.0.0.0/0'], ['removed', 'tcp/22/81.2.69.0/24']])
    expect(h.revisions[1].changes.severity).toBe('critical')
  })
  it('shows the gap of a removed and re-added resource, and 404s an unknown one', async () => {
    const h = (await get('/api/environments/prod/resources/i-web/history')).json()
    expect(h.revisions.map((r: { fromVersion: string; untilVersion: string | null }) => [r.fromVersion, r.untilVersion])).toEqual([['1', '2'], ['3', null]])
    const res = await get('/api/environments/prod/resources/sg-nope/history')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('resource sg-nope in environment prod not found')
    expect((await get('/api/environments/nope/resources/sg-web/history')).json().message).toBe('environment nope not found')
  })
})
