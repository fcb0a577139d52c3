import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EnvironmentList, ExposureReport, ExposureSummary, FindingsReport, PolicyReport } from '../../shared/index.ts'
import { buildApp } from '../../server/app.ts'
import { parsePolicy } from '../../server/policy/parsePolicy.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { addEni, addSg, baseEnv, inventory, tcp } from '../unit/analysis/envBuilder.ts'

let dir: string
let store: SnapshotStore
let app: FastifyInstance
let plain: FastifyInstance

const POLICY = `accept:
  - check: ADMIN_PORT_EXPOSED
    resource: i-bastion
    port: 22
    reason: <b>bastion</b> for the on-call
    owner: sre
scopes:
  - id: only-lbs
    kind: only-load-balancers-internet-facing
    severity: medium
`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-policy-api-'))
  store = openSqliteStore(dir)
  const r = baseEnv()
  addSg(r, 'sg-bastion', [tcp(22, 22, '0.0.0.0/0')])
  addEni(r, { id: 'eni-bastion', subnet: 'subnet-pub', groups: ['sg-bastion'], ip: '10.0.1.10', publicIp: '54.1.2.3', instanceId: 'i-bastion' })
  await store.put('prod', normalize(inventory(r)), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store, policy: parsePolicy(POLICY, 'vpclens.policy.yaml') })
  plain = await buildApp({ store })
})
afterAll(async () => {
  await app.close()
  await plain.close()
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('serve --policy: the API', () => {
  it('marks accepted findings and exposures with the reason and owner', async () => {
    const f = await app.inject({ url: '/api/environments/prod/versions/latest/findings' })
    expect(f.statusCode).toBe(200)
    const findings = f.json() as FindingsReport
    expect(Compile(FindingsReport).Check(findings)).toBe(true)
    expect(findings.findings.filter((x) => x.accepted).map((x) => [x.check, x.accepted])).toEqual([
      ['ADMIN_PORT_EXPOSED', { index: 0, line: 2, reason: '<b>bastion</b> for the on-call', owner: 'sre' }],
    ])
    const e = (await app.inject({ url: '/api/environments/prod/versions/1/exposure' })).json() as ExposureReport
    expect(e.exposures.map((x) => [x.eni, x.ports, x.accepted?.reason])).toEqual([['eni-bastion', [22, 22], '<b>bastion</b> for the on-call']])
    // The overlay's slim summary carries the same mark.
    const brief = (await app.inject({ url: '/api/environments/prod/versions/1/exposure/summary' })).json() as ExposureSummary
    expect(Compile(ExposureSummary).Check(brief)).toBe(true)
    expect(brief.exposures.map((x) => [x.eni, x.accepted])).toEqual([['eni-bastion', { index: 0, line: 2, reason: '<b>bastion</b> for the on-call', owner: 'sre' }]])
  })

  it('names the policy in the environment list, so that the web knows to ask for it', async () => {
    const list = (await app.inject({ url: '/api/environments' })).json() as EnvironmentList
    expect(Compile(EnvironmentList).Check(list)).toBe(true)
    expect(list.policy).toEqual({ file: 'vpclens.policy.yaml', acceptances: 1, scopes: 1 })
    expect((await plain.inject({ url: '/api/environments' })).json()).not.toHaveProperty('policy')
  })

  it('serves the policy report: scopes with violations and traces, acceptances with their status', async () => {
    const r = await app.inject({ url: '/api/environments/prod/versions/latest/policy' })
    expect(r.statusCode).toBe(200)
    const report = r.json() as PolicyReport
    expect(Compile(PolicyReport).Check(report)).toBe(true)
    expect(report).toMatchObject({ env: 'prod', version: '1', file: 'vpclens.policy.yaml' })
    expect(report.acceptances.map((a) => [a.line, a.status, a.matched.length])).toEqual([[2, 'active', 2]])
    expect(report.scopes.map((s) => [s.id, s.status, s.severity, s.violations.map((v) => v.title)])).toEqual([
      ['only-lbs', 'violated', 'medium', ['eni-bastion (i-bastion) is internet-facing on tcp 22 without a load balancer']],
    ])
    expect(report.scopes[0].violations[0].trace.find((t) => t.check === 'sg')?.ruleRef).toMatchObject({ kind: 'sg-rule', groupId: 'sg-bastion', peer: '0.0.0.0/0' })
  })

  it('without a policy: no marks, and …/policy is a 404 that says why', async () => {
    const f = (await plain.inject({ url: '/api/environments/prod/versions/latest/findings' })).json() as FindingsReport
    expect(f.findings.some((x) => 'accepted' in x)).toBe(false)
    const brief = (await plain.inject({ url: '/api/environments/prod/versions/latest/exposure/summary' })).json() as ExposureSummary
    expect(brief.exposures.length).toBeGreaterThan(0)
    expect(brief.exposures.some((x) => 'accepted' in x)).toBe(false)
    const r = await plain.inject({ url: '/api/environments/prod/versions/latest/policy' })
    expect(r.statusCode).toBe(404)
    expect(r.json()).toEqual({ code: 'not_found', message: 'no policy: serve was started without --policy' })
  })
})
