/**
 * Who changed what: `diff --attribute` reads CloudTrail LookupEvents with the real SDK over HTTP. moto
 * has no LookupEvents, so a local server answers with recorded responses (test/fixtures/cloudtrail):
 * several events per resource over pages, throttling, access denied, read-only and failed calls.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Snapshot, VersionSummary } from '../../shared/index.ts'
import { attributeDiff } from '../../server/attribution/attributeDiff.ts'
import { lookupFromFlags } from '../../server/cli/attributeOptions.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { type FakeCloudTrail, type RecordedEvent, startFakeCloudTrail } from '../fixtures/cloudtrail/fakeCloudTrail.ts'
import { runCli } from './runCli.ts'

const ACCOUNT = '123456789012'
const HOUR = 3_600_000
const now = Date.now()
const v1At = new Date(now - 72 * HOUR)
const v2At = new Date(now - 24 * HOUR)
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' }

let dir: string
let versions: { version: VersionSummary; snapshot: Snapshot }[]
let sg: string
let fake: FakeCloudTrail | undefined

beforeAll(async () => {
  Object.assign(process.env, AWS_ENV)
  dir = mkdtempSync(join(tmpdir(), 'vpclens-attribution-'))
  const store = openSqliteStore(dir)
  const inventories = generateDemoVersions({})
  await store.put('demo', normalize(inventories[0]!), { source: 'demo', at: v1At.toISOString() })
  await store.put('demo', normalize(inventories[4]!), { source: 'demo', at: v2At.toISOString() })
  versions = []
  for (const id of ['1', '2']) versions.push({ version: (await store.getVersion('demo', id))!, snapshot: (await store.getSnapshot('demo', id))! })
  sg = versions[0]!.snapshot.resources.find((r) => r.name === 'prod-bastion-sg')!.id
  await store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(async () => { await fake?.close(); fake = undefined; rmSync(join(dir, 'attribution'), { recursive: true, force: true }) })

const at = (hoursBeforeV2: number) => new Date(v2At.getTime() - hoursBeforeV2 * HOUR)
const event = (id: string, name: string, hoursBeforeV2: number, more: Partial<RecordedEvent> = {}): RecordedEvent =>
  ({ id, name, time: at(hoursBeforeV2), resource: sg, ...more })

async function attribute(opts: { limit?: number; v1?: VersionSummary } = {}) {
  const [a, b] = versions as [typeof versions[0], typeof versions[0]]
  const from = { ...a, version: opts.v1 ?? a.version }
  const diff = diffVersions({ id: '1', snapshot: a.snapshot }, { id: '2', snapshot: b.snapshot })
  const flags = { endpoint: fake!.endpoint, maxAttempts: '4', timeout: '5' }
  return attributeDiff({ env: 'demo', dataDir: dir, diff, from, to: b, limit: opts.limit ?? 50, lookup: (t) => lookupFromFlags(flags, t) })
}

describe('CloudTrail attribution of a diff', () => {
  it('names who changed the bastion group: every page, oldest first, read-only and failed calls left out, throttling retried', async () => {
    fake = await startFakeCloudTrail({
      account: ACCOUNT, throttleFirst: 1,
      pages: {
        [sg]: [
          [event('e2', 'AuthorizeSecurityGroupIngress', 3, { arn: 'arn:aws:sts::123456789012:assumed-role/Admin/mallory', ip: '198.51.100.7', agent: 'console.ec2.amazonaws.com' }),
            event('e0', 'DescribeSecurityGroups', 2, { readOnly: true })],
          [event('e1', 'RevokeSecurityGroupIngress', 20), event('e3', 'AuthorizeSecurityGroupIngress', 1, { errorCode: 'Client.UnauthorizedOperation' })],
        ],
      },
    })
    const a = await attribute()
    const bastion = a.resources.find((r) => r.resourceId === sg)!
    expect(bastion.state).toBe('found')
    expect(bastion.account).toBe(ACCOUNT)
    expect(bastion.region).toBe('us-east-1')
    expect(bastion.events.map((e) => [e.eventId, e.eventName])).toEqual([['e1', 'RevokeSecurityGroupIngress'], ['e2', 'AuthorizeSecurityGroupIngress']])
    expect(bastion.events[1]).toEqual({
      eventId: 'e2', eventName: 'AuthorizeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com', eventTime: at(3).toISOString(),
      principalArn: 'arn:aws:sts::123456789012:assumed-role/Admin/mallory', userName: 'alice', sourceIp: '198.51.100.7', userAgent: 'console.ec2.amazonaws.com',
    })
    // Two pages for the group, one request for every other changed resource, and the throttled first one again.
    const forSg = fake.lookups.filter((l) => l.resource === sg)
    expect(forSg.map((l) => l.token)).toEqual([undefined, 'page-1'])
    expect(fake.lookups[1]!.resource).toBe(fake.lookups[0]!.resource)
    expect(fake.lookups).toHaveLength(a.resources.length + 2)
    const others = a.resources.filter((r) => r.resourceId !== sg)
    expect(others.length).toBeGreaterThan(3)
    for (const r of others) {
      expect(r.state).toBe('none-found')
      expect(r.reason).toMatch(/no write event names this resource/)
    }
    // The window: from 15 minutes before version 1 was last confirmed, to version 2's recording.
    expect(a.window).toEqual({ start: new Date(v1At.getTime() - 15 * 60_000).toISOString(), end: v2At.toISOString() })
    expect(forSg[0]!.start).toBe((v1At.getTime() - 15 * 60_000) / 1000)
    expect(forSg[0]!.end).toBe(v2At.getTime() / 1000)
  })

  it('access denied: every resource of that account/region is not available, naming the permission, after one call', async () => {
    fake = await startFakeCloudTrail({ account: ACCOUNT, deny: true })
    const a = await attribute()
    expect(a.resources.length).toBeGreaterThan(3)
    for (const r of a.resources) {
      expect(r.state).toBe('not-available')
      expect(r.reason).toBe(`no permission: cloudtrail:LookupEvents was denied in ${ACCOUNT}/us-east-1 (AccessDeniedException)`)
      expect(r.events).toEqual([])
    }
    expect(fake.lookups).toHaveLength(1)
    // A denial may be fixed by the user: it is not cached.
    expect(() => readdirSync(join(dir, 'attribution'))).toThrow()
  })

  it('a window older than 90 days is not available without asking CloudTrail', async () => {
    fake = await startFakeCloudTrail({ account: ACCOUNT })
    const old = new Date(now - 200 * 24 * HOUR).toISOString()
    const a = await attribute({ v1: { ...versions[0]!.version, createdAt: old, checkedAt: old }, limit: 50 })
    // The window ends at version 2 (a day ago), so it is clipped, not expired: CloudTrail is asked for the last 90 days.
    expect(new Date(a.window.start).getTime()).toBeGreaterThan(now - 91 * 24 * HOUR)
    expect(a.resources.find((r) => r.resourceId === sg)!.reason).toMatch(/window starts more than 90 days ago/)
    const [, b] = versions
    const expiredTo = { ...b!, version: { ...b!.version, createdAt: new Date(now - 100 * 24 * HOUR).toISOString() } }
    const diff = diffVersions({ id: '1', snapshot: versions[0]!.snapshot }, { id: '2', snapshot: b!.snapshot })
    fake.lookups.length = 0
    const expired = await attributeDiff({ env: 'demo', dataDir: dir, diff, from: { ...versions[0]!, version: { ...versions[0]!.version, createdAt: old, checkedAt: old } },
      to: expiredTo, limit: 50, lookup: (t) => lookupFromFlags({ endpoint: fake!.endpoint }, t) })
    for (const r of expired.resources) expect(r).toMatchObject({ state: 'not-available', reason: "older than 90 days: CloudTrail's event history does not go back that far" })
    expect(fake.lookups).toHaveLength(0)
  })

  it('resources of an account the credentials do not reach are not available, not "none found"; beyond the limit too', async () => {
    fake = await startFakeCloudTrail({ account: '999999999999' })
    const a = await attribute({ limit: 2 })
    expect(a.resources[0]).toMatchObject({ state: 'not-available', reason: `no credentials for account ${ACCOUNT}: read it with --org-role or --role-arn` })
    expect(a.resources[2]!.reason).toMatch(/^not looked up: \d+ changed resources, more than the limit of 2 \(--attribute-limit\)$/)
    expect(fake.lookups).toHaveLength(0)
  })
})

describe('vpclens diff --attribute', { timeout: 120_000 }, () => {
  it('prints who beside each change (table, JSON, Markdown) and answers the second time from the cache', async () => {
    fake = await startFakeCloudTrail({ account: ACCOUNT, pages: { [sg]: [[event('e2', 'AuthorizeSecurityGroupIngress', 3, { agent: 'evil\u001b[31m<b>agent</b>' })]] } })
    const args = ['diff', '1', '2', '--attribute', '--endpoint', fake.endpoint, '--data-dir', dir, '--env', 'demo']
    const text = await runCli(args, AWS_ENV)
    expect(text.stderr).not.toMatch(/error/i)
    expect(text.code).toBe(0)
    expect(text.stdout).toContain(`who: AuthorizeSecurityGroupIngress at ${at(3).toISOString().replace('.000Z', 'Z')} by arn:aws:sts::123456789012:assumed-role/Admin/alice from 203.0.113.9 (evil\\x1b[31m<b>agent</b>)`)
    expect(text.stdout).toMatch(/WHO CHANGED IT \(CloudTrail management events, /)
    expect(text.stdout).not.toContain('\u001b')
    const asked = fake.lookups.length
    expect(asked).toBeGreaterThan(3)

    const json = await runCli([...args, '--json'], AWS_ENV)
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout) as { attribution: { resources: { resourceId: string; state: string }[] }; summary: unknown }
    expect(parsed.summary).toBeDefined()
    expect(parsed.attribution.resources.find((r) => r.resourceId === sg)!.state).toBe('found')
    expect(fake.lookups.length).toBe(asked)

    const md = await runCli([...args, '--markdown'], AWS_ENV)
    expect(md.stdout).toContain('| Severity | Change | Kind | Resource | Rule changes | Field changes | Changed by |')
    expect(md.stdout).toContain('&lt;b&gt;agent&lt;/b&gt;')
    expect(md.stdout).not.toContain('<b>agent')
    expect(fake.lookups.length).toBe(asked)
  })

  it('report --html --attribute writes one self-contained file with who made each change', async () => {
    fake = await startFakeCloudTrail({ account: ACCOUNT, pages: { [sg]: [[event('e9', 'AuthorizeSecurityGroupIngress', 2, { arn: 'arn:aws:iam::123456789012:user/bob' })]] } })
    const out = join(dir, 'incident.html')
    const r = await runCli(['report', '--from', '1', '--to', '2', '--html', '--attribute', '--endpoint', fake.endpoint,
      '--data-dir', dir, '--env', 'demo', '-o', out], AWS_ENV)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`vpclens: wrote the report of demo 1 → 2 to ${out}`)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('by arn:aws:iam::123456789012:user/bob from 203.0.113.9')
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"')
    expect(html).not.toMatch(/<script/i)
    expect(fake.lookups.some((l) => l.resource === sg)).toBe(true)
  })

  it('history --attribute: who made the change at each version where the resource changed', async () => {
    fake = await startFakeCloudTrail({ account: ACCOUNT, pages: { [sg]: [[event('e5', 'AuthorizeSecurityGroupIngress', 5)]] } })
    const args = ['history', sg, '--attribute', '--endpoint', fake.endpoint, '--data-dir', dir, '--env', 'demo']
    const json = await runCli([...args, '--json'], AWS_ENV)
    expect(json.code).toBe(0)
    const view = JSON.parse(json.stdout) as { attribution: { from: string; to: string; resources: { state: string; events: { eventId: string }[] }[] }[] }
    // Version 1 is the environment's first: nothing before it to search; version 2 changed the group.
    expect(view.attribution.map((a) => [a.from, a.to])).toEqual([['1', '2']])
    expect(view.attribution[0]!.resources[0]).toMatchObject({ state: 'found', events: [{ eventId: 'e5' }] })
    const text = await runCli(args, AWS_ENV)
    expect(text.stdout).toMatch(/versions 2-latest: critical\n(.*\n)*      who: AuthorizeSecurityGroupIngress at \S+ by arn:aws:sts::123456789012:assumed-role\/Admin\/alice/)
  })

  it('without --attribute nothing is looked up; a bad --attribute-limit is a usage error', async () => {
    const plainDiff = await runCli(['diff', '1', '2', '--data-dir', dir, '--env', 'demo'], AWS_ENV)
    expect(plainDiff.code).toBe(0)
    expect(plainDiff.stdout).not.toContain('WHO CHANGED IT')
    const bad = await runCli(['diff', '1', '2', '--attribute', '--attribute-limit', '0', '--data-dir', dir], AWS_ENV)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('vpclens: --attribute-limit: expected a positive integer, got "0"\n')
  })
})
