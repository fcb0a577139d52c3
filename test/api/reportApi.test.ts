import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Attribution } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { lookupFromFlags } from '../../server/cli/attributeOptions.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { type FakeCloudTrail, startFakeCloudTrail } from '../fixtures/cloudtrail/fakeCloudTrail.ts'
import { parseXml } from '../unit/exportXml.ts'

let dir: string
let store: SnapshotStore
let plain: FastifyInstance
let attributed: FastifyInstance
let fake: FakeCloudTrail
let sg: string
const v2At = new Date(Date.now() - 24 * 3_600_000)

beforeAll(async () => {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' })
  dir = mkdtempSync(join(tmpdir(), 'vpclens-reportapi-'))
  store = openSqliteStore(dir)
  const inventories = generateDemoVersions({})
  await store.put('demo', normalize(inventories[0]!), { source: 'demo', at: new Date(v2At.getTime() - 48 * 3_600_000).toISOString() })
  await store.put('demo', normalize(inventories[1]!), { source: 'demo', at: v2At.toISOString() })
  sg = normalize(inventories[0]!).resources.find((r) => r.name === 'prod-bastion-sg')!.id
  fake = await startFakeCloudTrail({ account: '123456789012', pages: { [sg]: [[{ id: 'e1', name: 'AuthorizeSecurityGroupIngress', resource: sg,
    time: new Date(v2At.getTime() - 3_600_000), arn: 'arn:aws:sts::123456789012:assumed-role/Admin/<b>mallory</b>' }]] } })
  plain = await buildApp({ store })
  attributed = await buildApp({ store, attributor: { limit: 50, dataDir: dir, lookup: (t) => lookupFromFlags({ endpoint: fake.endpoint }, t) } })
})
afterAll(async () => { await plain.close(); await attributed.close(); await fake.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

describe('GET /api/environments/:env/diff/attribution', () => {
  it('409 naming the flag on a server without --attribute', async () => {
    const res = await plain.inject('/api/environments/demo/diff/attribution?from=1&to=2')
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ code: 'attribution_unavailable' })
    expect(res.json().message).toMatch(/vpclens serve --attribute/)
  })

  it('serves who changed each resource, in the schema', async () => {
    const res = await attributed.inject('/api/environments/demo/diff/attribution?from=1&to=2')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Compile(Attribution).Check(body)).toBe(true)
    expect(body.resources).toEqual([expect.objectContaining({ resourceId: sg, state: 'found',
      events: [expect.objectContaining({ eventName: 'AuthorizeSecurityGroupIngress', principalArn: 'arn:aws:sts::123456789012:assumed-role/Admin/<b>mallory</b>' })] })])
  })

  it('404 naming the side for a version that does not exist', async () => {
    const res = await attributed.inject('/api/environments/demo/diff/attribution?from=1&to=9')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toMatch(/^to: version 9 of environment demo/)
  })
})

describe('GET /api/environments/:env/report', () => {
  it('HTML as an attachment: no script, escaped, with the diagram', async () => {
    const res = await attributed.inject('/api/environments/demo/report?from=1&to=2&attribute=true')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="vpclens-demo-1-2.html"')
    const elements = parseXml(res.body.replace(/^<!DOCTYPE html>\n/, ''))
    expect(elements.some((e) => e.name === 'script')).toBe(false)
    expect(elements.some((e) => e.name === 'svg')).toBe(true)
    expect(res.body).toContain('assumed-role/Admin/&lt;b&gt;mallory&lt;/b&gt;')
  })

  it('Markdown without attribution on a plain server; attribution asked of a plain server is 409; a bad format is 400 naming it', async () => {
    const md = await plain.inject('/api/environments/demo/report?from=1&to=latest&format=markdown')
    expect(md.statusCode).toBe(200)
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8')
    expect(md.body).toMatch(/^# Incident report: demo\n/)
    expect(md.body).toContain('Who made the changes was not looked up')
    expect((await plain.inject('/api/environments/demo/report?from=1&to=2&attribute=true')).statusCode).toBe(409)
    const bad = await plain.inject('/api/environments/demo/report?from=1&to=2&format=pdf')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/format/)
  })
})
