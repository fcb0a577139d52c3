import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExposureReport, ExposureSummary, FindingsReport, ReachResult } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { addEni, addLoadBalancer, addSg, baseEnv, inventory, tcp } from '../unit/analysis/envBuilder.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance

/** Version 1: SSH open to an office only; version 2: SSH open to the world, and an ALB in front of an app instance. */
function env(version: 1 | 2) {
  const r = baseEnv()
  addSg(r, 'sg-bastion', [tcp(22, 22, version === 1 ? '81.2.69.0/24' : '0.0.0.0/0')])
  addEni(r, { id: 'eni-bastion', subnet: 'subnet-pub', groups: ['sg-bastion'], ip: '10.0.1.10', publicIp: '54.1.2.3', instanceId: 'i-bastion' })
  addSg(r, 'sg-alb', [tcp(443, 443, '0.0.0.0/0')])
  addSg(r, 'sg-app', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }, tcp(22, 22, '10.0.1.0/24')])
  addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
  if (version === 2) {
    addLoadBalancer(r, {
      type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.20', publicIp: '54.9.9.9' }],
      listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
  }
  return normalize(inventory(r))
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-analysis-api-'))
  store = openSqliteStore(dir)
  await store.put('prod', env(1), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  await store.put('prod', env(2), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
  app = await buildApp({ store })
})
afterAll(async () => { await app.close(); await store.close(); rmSync(dir, { recursive: true, force: true }) })

const get = (url: string) => app.inject({ method: 'GET', url })

describe('GET …/versions/:version/exposure', () => {
  it('serves each version its own exposure, matching the schema', async () => {
    const v1 = await get('/api/environments/prod/versions/1/exposure')
    expect(v1.statusCode).toBe(200)
    expect(Compile(ExposureReport).Check(v1.json())).toBe(true)
    expect(v1.json().version).toBe('1')
    expect(v1.json().exposures.map((e: { eni: string; ports: number[]; sources: string[] }) => [e.eni, e.ports, e.sources])).toEqual([['eni-bastion', [22, 22], ['81.2.69.0/24']]])
    const latest = (await get('/api/environments/prod/versions/latest/exposure')).json()
    expect(latest.version).toBe('2')
    const bastion = latest.exposures.find((e: { eni: string }) => e.eni === 'eni-bastion')
    expect(bastion).toMatchObject({ sources: ['0.0.0.0/0'], severity: 'critical', via: 'direct' })
    const app = latest.exposures.find((e: { eni: string }) => e.eni === 'eni-app')
    expect(app).toMatchObject({ ports: [8080, 8080], via: expect.stringMatching(/loadbalancer\/app\/web\/.*:443$/) })
    expect(latest.summary).toMatchObject({ exposedInterfaces: 3, viaLoadBalancerExposures: 1 })
  })

  it('404s an unknown version', async () => {
    const res = await get('/api/environments/prod/versions/7/exposure')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('version 7 of environment prod not found')
  })
})

describe('GET …/versions/:version/exposure/summary', () => {
  it('is the exposure report in brief: the same exposures, without traces or sources', async () => {
    const full = (await get('/api/environments/prod/versions/2/exposure')).json() as ExposureReport
    const res = await get('/api/environments/prod/versions/2/exposure/summary')
    expect(res.statusCode).toBe(200)
    const brief = res.json() as ExposureSummary
    expect(Compile(ExposureSummary).Check(brief)).toBe(true)
    expect({ env: brief.env, version: brief.version, hash: brief.hash, summary: brief.summary })
      .toEqual({ env: full.env, version: full.version, hash: full.hash, summary: full.summary })
    expect(brief.exposures).toEqual(full.exposures.map((e) => ({
      id: e.id, eni: e.eni, resource: e.resource, vpcId: e.vpcId, subnetId: e.subnetId, protocol: e.protocol, ports: e.ports, severity: e.severity,
      ...(e.lb ? { lb: { loadBalancerArn: e.lb.loadBalancerArn, listenerPort: e.lb.listenerPort } } : {}),
    })))
    const app = brief.exposures.find((e) => e.eni === 'eni-app')
    expect(app?.lb).toEqual({ loadBalancerArn: expect.stringMatching(/loadbalancer\/app\/web\//), listenerPort: 443 })
    expect(Object.keys(brief.exposures[0]).sort()).not.toContain('trace')
    expect(res.body.length).toBeLessThan(JSON.stringify(full).length / 2)
  })

  it('is documented in OpenAPI, and 404s an unknown version', async () => {
    const spec = (await get('/api/openapi.json')).json() as { paths: Record<string, { get?: { responses: Record<string, unknown> } }> }
    expect(Object.keys(spec.paths['/api/environments/{env}/versions/{version}/exposure/summary'].get!.responses).sort()).toEqual(['200', '404'])
    const res = await get('/api/environments/prod/versions/7/exposure/summary')
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toBe('version 7 of environment prod not found')
  })
})

describe('GET …/versions/:version/findings', () => {
  it('rates world-open SSH critical only where it is really exposed', async () => {
    const v2 = (await get('/api/environments/prod/versions/2/findings')).json()
    expect(Compile(FindingsReport).Check(v2)).toBe(true)
    const ssh = v2.findings.find((f: { check: string; resourceIds: string[] }) => f.check === 'ADMIN_PORT_EXPOSED' && f.resourceIds[0] === 'eni-bastion')
    expect(ssh).toMatchObject({ severity: 'critical', ports: [[22, 22]] })
    expect(v2.counts.critical).toBeGreaterThanOrEqual(1)
    const v1 = (await get('/api/environments/prod/versions/1/findings')).json()
    expect(v1.findings.find((f: { check: string; resourceIds: string[] }) => f.check === 'ADMIN_PORT_EXPOSED' && f.resourceIds[0] === 'eni-bastion').severity).toBe('low')
  })
})

describe('GET …/versions/:version/reach', () => {
  it('answers "what can reach X" with the internet path and the interfaces its rules admit', async () => {
    const res = await get('/api/environments/prod/versions/2/reach?to=i-app')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(Compile(ReachResult).Check(body)).toBe(true)
    expect(body.target.eni).toBe('eni-app')
    const kinds = body.answers.map((a: { source: { kind: string; id: string | null }; verdict: string; ports: number[] }) => `${a.source.kind}:${a.source.id}:${a.ports[0]}:${a.verdict}`)
    expect(kinds).toContain('internet:null:8080:reachable')
    expect(kinds).toContain('network-interface:eni-bastion:22:reachable')
    expect(kinds).toContain('network-interface:eni-web-0:8080:reachable')
  })

  it('answers "can A reach B" with the path, or the blocking step', async () => {
    const ok = (await get('/api/environments/prod/versions/2/reach?from=eni-bastion&to=eni-app&protocol=tcp&port=22')).json()
    expect(ok.verdict).toBe('reachable')
    expect(ok.answers[0].trace.map((s: { check: string }) => s.check)).toEqual(['sg-egress', 'route', 'nacl-out', 'nacl-in', 'sg', 'nacl-out', 'nacl-in', 'route'])
    const no = (await get('/api/environments/prod/versions/2/reach?from=eni-bastion&to=eni-app&protocol=tcp&port=5432')).json()
    expect(no.verdict).toBe('blocked')
    expect(no.answers[0].trace.at(-1)).toMatchObject({ check: 'sg', verdict: 'deny', code: 'ENI_SG_RULES_MISMATCH' })
    const internet = (await get('/api/environments/prod/versions/2/reach?from=internet&to=10.0.1.10&protocol=tcp&port=22')).json()
    expect(internet).toMatchObject({ verdict: 'reachable', target: { eni: 'eni-bastion' } })
  })

  it('400s naming the bad query field', async () => {
    const port = await get('/api/environments/prod/versions/2/reach?to=eni-app&port=70000')
    expect(port.statusCode).toBe(400)
    expect(port.json().message).toMatch(/^querystring\.port: /)
    const to = await get('/api/environments/prod/versions/2/reach?to=eni-nope')
    expect(to.statusCode).toBe(400)
    expect(to.json().message).toMatch(/^querystring\.to: eni-nope is not/)
    const missing = await get('/api/environments/prod/versions/2/reach?from=internet')
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toMatch(/^querystring/)
    const from = await get('/api/environments/prod/versions/2/reach?from=nonsense&to=eni-app')
    expect(from.json().message).toMatch(/^querystring\.from: /)
  })
})
