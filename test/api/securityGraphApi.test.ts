import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Value } from 'typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ResourceList, SecurityGraph } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-sg-api-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string) => app.inject({ method: 'GET', url })

describe('GET …/versions/:version/security-graph', () => {
  it('serves groups, sources and bundled ingress edges, without members by default', async () => {
    const res = await get('/api/environments/prod/versions/latest/security-graph')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Value.Check(SecurityGraph, body)).toBe(true)
    expect(body.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['cidr:81.2.69.0/24', 'internet', 'sg-web', 'vpc-1'])
    expect(body.edges.map((e: { source: string; label: string }) => `${e.source} ${e.label}`).sort()).toEqual(['cidr:81.2.69.0/24 tcp/22', 'internet tcp/443'])
    expect(body.groups[0].ingress.find((r: { peer: string }) => r.peer === '81.2.69.0/24').description).toBe('office')
    expect(body.groups[0].members[0]).toMatchObject({ networkInterfaceId: 'eni-web', owner: 'i-web', privateIps: ['10.0.1.10'], publicIps: ['54.1.2.3'] })
  })
  it('adds member interfaces with ?members=true', async () => {
    const body = (await get('/api/environments/prod/versions/1/security-graph?members=true')).json()
    expect(body.nodes.filter((n: { kind: string }) => n.kind === 'network-interface').map((n: { id: string }) => n.id)).toEqual(['eni-web'])
    expect(body.edges.filter((e: { kind: string }) => e.kind === 'member-of').map((e: { id: string }) => e.id)).toEqual(['member:eni-web|sg-web'])
  })
  it('names what is missing or malformed', async () => {
    expect((await get('/api/environments/prod/versions/9/security-graph')).json()).toEqual({ code: 'not_found', message: 'version 9 of environment prod not found' })
    const bad = await get('/api/environments/prod/versions/1/security-graph?members=perhaps')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/^querystring\.members/)
  })
})

describe('GET …/versions/:version/resources', () => {
  it('lists every resource of the version in brief', async () => {
    const res = await get('/api/environments/prod/versions/1/resources')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Value.Check(ResourceList, body)).toBe(true)
    const version = (await get('/api/environments/prod/versions')).json().versions[0]
    const total = Object.values(version.counts as Record<string, number>).reduce((a, b) => a + b, 0)
    expect(body.resources).toHaveLength(total)
    const sg = body.resources.find((r: { id: string }) => r.id === 'sg-web')
    expect(sg).toMatchObject({ kind: 'security-group', name: 'web', vpcId: 'vpc-1', facts: { ingressRules: '2', egressRules: '1', description: 'web servers' } })
    expect(body.resources.find((r: { id: string }) => r.id === 'eni-web').facts.privateIps).toBe('10.0.1.10')
  })
  it('404s an unknown environment', async () => {
    expect((await get('/api/environments/nope/versions/1/resources')).statusCode).toBe(404)
  })
})
