/**
 * Watch mode in-process: the loop, a real SQLite store, the real diff and a real HTTP webhook
 * receiver on loopback. Only the collector is a fake (a list of inventories) so each run's network
 * is chosen by the test; watchCli.test.ts runs the real command against moto.
 * Fault cases: a receiver that answers 500 or never answers does not stop or delay the runs.
 */
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Value } from 'typebox/value'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Inventory, type Severity, WebhookPayload } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { createWebhookSender, type WebhookSender } from '../../server/watch/createWebhookSender.ts'
import { runWatch, type Summarize, type WatchRunOutcome } from '../../server/watch/runWatch.ts'
import { changedInventory } from '../contract/storeSnapshots.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

const SECRET = 'webhook-secret-for-tests'

interface Received { headers: IncomingMessage['headers']; body: string }

let dir: string
let store: SnapshotStore
let receiver: Server | undefined
let sender: WebhookSender | undefined
let logs: string[]
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'vpclens-watch-')); store = openSqliteStore(dir); logs = [] })
afterEach(async () => {
  await sender?.close(0); sender = undefined
  receiver?.closeAllConnections(); await new Promise((r) => receiver ? receiver.close(r) : r(null)); receiver = undefined
  await store.close(); rmSync(dir, { recursive: true, force: true })
})

/** A webhook receiver on a free loopback port; `answer` decides each response (or never answers). */
async function startReceiver(answer: (req: Received, res: ServerResponse, n: number) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => { body += d })
    req.on('end', () => { const r = { headers: req.headers, body }; received.push(r); answer(r, res, received.length) })
  })
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`, received }
}

/** A collector that returns the given inventories in turn (an Error is a failed run). */
function sequence(...runs: (Inventory | Error)[]) {
  let i = 0
  return async () => {
    const next = runs[Math.min(i++, runs.length - 1)]
    if (next instanceof Error) throw next
    return { inventory: { ...next, source: 'discover' as const }, defaultEnv: 'prod' }
  }
}

/** Without `summarize`, alerts come from the diff recorded from stored facts (`watch` without --policy). */
async function watch(runs: (Inventory | Error)[], options: { alertOn?: Severity; webhook?: WebhookSender; summarize?: Summarize; store?: SnapshotStore } = {}): Promise<WatchRunOutcome[]> {
  const outcomes: WatchRunOutcome[] = []
  await runWatch({
    collect: sequence(...runs), store: options.store ?? store, intervalMs: 1, alertOn: options.alertOn ?? 'low', summarize: options.summarize,
    webhook: options.webhook, log: (l) => logs.push(l), signal: new AbortController().signal,
    maxRuns: runs.length, onRun: (o) => outcomes.push(o),
  })
  return outcomes
}

describe('watch loop', () => {
  it('records a version only when the network changed', async () => {
    const outcomes = await watch([smallInventory(), smallInventory(), changedInventory(), changedInventory(), smallInventory()])
    expect(outcomes.map((o) => o.ok && [o.version, o.created])).toEqual([['1', true], ['1', false], ['2', true], ['2', false], ['3', true]])
    expect((await store.listVersions('prod')).map((v) => v.source)).toEqual(['discover', 'discover', 'discover'])
  })

  it('keeps going when a run fails, logs why, and records on the next good run', async () => {
    const outcomes = await watch([smallInventory(), new Error('connect ETIMEDOUT ec2.eu-west-1.amazonaws.com'), changedInventory()])
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
    expect(logs.some((l) => l.startsWith('run 2 failed: connect ETIMEDOUT'))).toBe(true)
    expect(await store.listVersions('prod')).toHaveLength(2)
  })

  it('does not record a run that failed somewhere the latest version did not', async () => {
    const throttled = { ...changedInventory(), warnings: [{ account: '123456789012', region: 'eu-west-1', service: 'ec2', operation: 'DescribeSecurityGroups', code: 'Throttling', message: 'Rate exceeded' }] }
    const outcomes = await watch([smallInventory(), throttled, changedInventory()])
    expect(outcomes[1]).toEqual({ ok: false, error: expect.stringContaining('1 call(s) failed that worked for version 1') })
    expect((await store.listVersions('prod')).map((v) => v.id)).toEqual(['1', '2'])
  })
})

describe('webhook', () => {
  it('POSTs a signed JSON summary of the security-relevant changes after a new version', async () => {
    const { url, received } = await startReceiver((_r, res) => res.writeHead(204).end())
    sender = createWebhookSender({ url, secret: SECRET, log: (l) => logs.push(l) })
    await watch([smallInventory(), changedInventory()], { webhook: sender })
    await sender.idle()
    expect(received).toHaveLength(1)
    const [{ headers, body }] = received
    expect(headers['content-type']).toBe('application/json')
    expect(headers['x-vpclens-event']).toBe('vpclens.changes')
    expect(headers['x-vpclens-delivery']).toMatch(/^[0-9a-f-]{36}$/)
    expect(headers['x-vpclens-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`)
    const payload = JSON.parse(body)
    expect(Value.Check(WebhookPayload, payload)).toBe(true)
    expect(payload).toMatchObject({ event: 'vpclens.changes', env: 'prod', fromVersion: '1', toVersion: '2', alertOn: 'low', omitted: 0 })
    expect(['critical', 'high']).toContain(payload.highestSeverity)
    expect(payload.changes.some((c: { resourceId: string; summary: string }) => c.resourceId === 'sg-web' && /0\.0\.0\.0\/0/.test(c.summary))).toBe(true)
  })

  it('sends nothing when no change reaches --alert-on, and nothing for an unchanged run', async () => {
    const { url, received } = await startReceiver((_r, res) => res.writeHead(204).end())
    sender = createWebhookSender({ url, log: (l) => logs.push(l) })
    // Narrowing ssh from 0.0.0.0/0 to an office range is a tightening: below critical.
    await watch([changedInventory(), smallInventory(), smallInventory()], { webhook: sender, alertOn: 'critical' })
    await sender.idle()
    expect(received).toEqual([])
    expect(await store.listVersions('prod')).toHaveLength(2)
  })

  it('fault: a receiver answering 500 is retried with backoff and given up on, and every run still happens', async () => {
    const { url, received } = await startReceiver((_r, res) => res.writeHead(500).end('boom'))
    sender = createWebhookSender({ url, secret: SECRET, log: (l) => logs.push(l), backoffMs: 5, maxAttempts: 3 })
    const outcomes = await watch([smallInventory(), changedInventory(), smallInventory(), changedInventory()], { webhook: sender })
    expect(outcomes.map((o) => o.ok && o.version)).toEqual(['1', '2', '3', '4'])
    await sender.idle()
    // Three alerting versions (2, 3 and 4), three attempts each, one delivery id per version.
    expect(received).toHaveLength(9)
    expect(new Set(received.map((r) => r.headers['x-vpclens-delivery'])).size).toBe(3)
    expect(logs.filter((l) => /attempt \d\/3 .* failed: HTTP 500/.test(l))).toHaveLength(9)
    expect(logs.filter((l) => /given up after 3 attempts/.test(l))).toHaveLength(3)
  })

  it('fault: a receiver that never answers does not hold up discovery', async () => {
    const pending: ServerResponse[] = []
    const { url } = await startReceiver((_r, res) => { pending.push(res) })
    // An attempt may wait a long time; runs must not wait for it at all.
    sender = createWebhookSender({ url, log: (l) => logs.push(l), timeoutMs: 120_000 })
    const outcomes = await watch([smallInventory(), changedInventory(), smallInventory(), changedInventory(), smallInventory()], { webhook: sender })
    // All five runs finished while the first delivery was still waiting for its answer.
    expect(outcomes.map((o) => o.ok && o.version)).toEqual(['1', '2', '3', '4', '5'])
    expect(pending).toHaveLength(1)
    expect(logs.filter((l) => l.startsWith('webhook'))).toEqual([])
    await sender.close(0)
    expect(logs.some((l) => /queued deliveries .* abandoned at shutdown/.test(l))).toBe(true)
    expect(logs.some((l) => /given up/.test(l))).toBe(false)
  })

  it('fault: an attempt without an answer times out and is retried, then given up', async () => {
    const { url, received } = await startReceiver(() => { /* never answers */ })
    sender = createWebhookSender({ url, log: (l) => logs.push(l), timeoutMs: 200, backoffMs: 5, maxAttempts: 2 })
    await watch([smallInventory(), changedInventory()], { webhook: sender })
    await sender.idle()
    expect(received).toHaveLength(2)
    expect(logs.filter((l) => l.includes('failed: no answer within 200 ms'))).toHaveLength(2)
    expect(logs.some((l) => /given up after 2 attempts/.test(l))).toBe(true)
  })

  it('does not retry a receiver that refuses the delivery (4xx other than 408/429)', async () => {
    const { url, received } = await startReceiver((_r, res) => res.writeHead(410).end())
    sender = createWebhookSender({ url, log: (l) => logs.push(l), backoffMs: 5 })
    await watch([smallInventory(), changedInventory()], { webhook: sender })
    await sender.idle()
    expect(received).toHaveLength(1)
    expect(logs.some((l) => l.includes('refused by') && l.includes('HTTP 410'))).toBe(true)
  })

  it('delivers on a later attempt after a failure (same delivery id), and never logs the URL path', async () => {
    const { url, received } = await startReceiver((_r, res, n) => res.writeHead(n === 1 ? 503 : 200).end())
    sender = createWebhookSender({ url: `${url}/T000/B000/secret-path-token`, log: (l) => logs.push(l), backoffMs: 5 })
    await watch([smallInventory(), changedInventory()], { webhook: sender })
    await sender.idle()
    expect(received).toHaveLength(2)
    expect(received[0].headers['x-vpclens-delivery']).toBe(received[1].headers['x-vpclens-delivery'])
    expect(received[0].headers['x-vpclens-signature']).toBeUndefined()
    expect(logs.some((l) => l.includes('delivered') && l.includes('on attempt 2'))).toBe(true)
    expect(logs.join('\n')).not.toContain('secret-path-token')
  })
})

describe('alerts without a policy, from stored facts', () => {
  it('send byte for byte the bodies the whole-snapshot diff (diffVersions) gives, also after a version an older vpclens recorded', async () => {
    const { url, received } = await startReceiver((_r, res) => res.writeHead(204).end())
    sender = createWebhookSender({ url, log: (l) => logs.push(l) })
    // The demo's story: exposure opened and closed, resources added and removed, relationships moved.
    const demo = generateDemoVersions({})
    const older = mkdtempSync(join(tmpdir(), 'vpclens-watch-older-'))
    const oracle = mkdtempSync(join(tmpdir(), 'vpclens-watch-oracle-'))
    const stores = [openSqliteStore(older), openSqliteStore(oracle)]
    try {
      // 1. This store: every version recorded by watch, so each alert's diff is the one recorded from stored facts.
      await watch(demo, { webhook: sender, alertOn: 'info' })
      await sender.idle()
      const fromFacts = received.splice(0).map((r) => r.body)
      // 2. The first version recorded by an older vpclens (store.put: no facts): the next alert diffs
      //    from what changed (diffStoredVersions), computing that version's facts on the way.
      await stores[0]!.put('prod', normalize(demo[0]!), { source: 'discover', at: demo[0]!.collectedAt })
      await watch(demo, { webhook: sender, alertOn: 'info', store: stores[0] })
      await sender.idle()
      const afterOlder = received.splice(0).map((r) => r.body)
      // 3. The oracle: the alert path `watch` took before, both whole versions through diffVersions.
      await watch(demo, { webhook: sender, alertOn: 'info', store: stores[1], summarize: diffVersions })
      await sender.idle()
      const whole = received.splice(0).map((r) => r.body)
      expect(whole).toHaveLength(demo.length - 1)
      expect(whole.filter((b) => JSON.parse(b).counts.exposure > 0).length).toBeGreaterThan(0)
      expect(fromFacts).toEqual(whole)
      expect(afterOlder).toEqual(whole)
    } finally {
      for (const s of stores) await s.close()
      for (const d of [older, oracle]) rmSync(d, { recursive: true, force: true })
    }
  })
})
