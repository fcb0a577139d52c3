/**
 * "Who changed it?" and "Download report" in the Diff view, in Chromium against a real
 * `vpclens serve --attribute`, whose CloudTrail is a local server with recorded LookupEvents
 * responses (moto has no LookupEvents; see test/fixtures/cloudtrail).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { type FakeCloudTrail, startFakeCloudTrail } from '../fixtures/cloudtrail/fakeCloudTrail.ts'
import { parseXml } from '../unit/exportXml.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'

const HOSTILE_AGENT = '<img src=x onerror="window.__pwned=1">'
const v2At = new Date(Date.now() - 24 * 3_600_000)
let dataDir: string
let server: RunningServer
let fake: FakeCloudTrail
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let sg: string

beforeAll(async () => {
  await buildWeb()
  mkdirSync(join(REPO, 'test-results'), { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-e2e-attribution-'))
  const store = openSqliteStore(dataDir)
  const inventories = generateDemoVersions({})
  await store.put('demo', normalize(inventories[0]!), { source: 'demo', at: new Date(v2At.getTime() - 48 * 3_600_000).toISOString() })
  await store.put('demo', normalize(inventories[1]!), { source: 'demo', at: v2At.toISOString() })
  await store.close()
  sg = normalize(inventories[0]!).resources.find((r) => r.name === 'prod-bastion-sg')!.id
  fake = await startFakeCloudTrail({ account: '123456789012', pages: { [sg]: [[{ id: 'e1', name: 'AuthorizeSecurityGroupIngress', resource: sg,
    time: new Date(v2At.getTime() - 3_600_000), arn: 'arn:aws:sts::123456789012:assumed-role/Admin/mallory', agent: HOSTILE_AGENT }]] } })
  server = await startServer(dataDir, ['--attribute', '--endpoint', fake.endpoint],
    { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' })
  browser = await launchBrowser()
  page = browser.page
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await fake?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('Diff view: who changed it, and the incident report', () => {
  it('shows the CloudTrail principal beside the changed group, as text, and downloads the report with it', async () => {
    await page.goto(`${server.url}/?env=demo&view=diff&from=1&to=2`)
    await page.locator('[data-testid="diff-view"][data-pair="1:2"]').waitFor({ timeout: 60_000 })
    await page.getByTestId('attribution-ask').click()
    const item = page.locator(`[data-testid="attribution-list"] li[data-resource="${sg}"]`)
    await item.waitFor({ timeout: 60_000 })
    expect(await item.getAttribute('data-state')).toBe('found')
    const text = await item.innerText()
    expect(text).toContain('AuthorizeSecurityGroupIngress')
    expect(text).toContain('arn:aws:sts::123456789012:assumed-role/Admin/mallory')
    expect(text).toContain(HOSTILE_AGENT)
    expect(await page.locator('[data-testid="attribution-list"] img').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('report-download').click()])
    expect(download.suggestedFilename()).toBe('vpclens-demo-1-2.html')
    const file = join(dataDir, 'report.html')
    await download.saveAs(file)
    const html = readFileSync(file, 'utf8')
    const elements = parseXml(html.replace(/^<!DOCTYPE html>\n/, ''))
    expect(elements.some((e) => e.name === 'script' || e.name === 'img')).toBe(false)
    expect(html).toContain('by arn:aws:sts::123456789012:assumed-role/Admin/mallory')
    await page.screenshot({ path: join(REPO, 'test-results', 'diff-attribution.png') })
  })
})
