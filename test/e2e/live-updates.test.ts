/**
 * Live updates end to end, nothing mocked: `vpclens serve` on a SQLite data dir, the built web app in
 * Chromium, and versions recorded by another process (`vpclens import` into the same data dir, as a
 * collector would). The open page learns of the new version without a reload, its timeline grows, and
 * the notice opens the diff. Also: the timeline's "Version at" input and a time in `version=`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { VersionSummary } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { writeImportLayout } from '../../server/import/writeImportLayout.ts'
import { runCli } from '../integration/runCli.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'

const RESULTS = join(REPO, 'test-results')
let work: string
let dataDir: string
let dumps: string[]
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page

const versions = async () => ((await (await fetch(`${server.url}/api/environments/live/versions`)).json()) as { versions: VersionSummary[] }).versions
const importDump = async (i: number) => {
  const r = await runCli(['import', dumps[i]!, '--env', 'live', '--data-dir', dataDir, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { version: string; created: boolean }
}
const timelineRows = () => page.getByTestId('timeline-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')))

beforeAll(async () => {
  await buildWeb()
  work = mkdtempSync(join(tmpdir(), 'vpclens-e2e-live-'))
  dataDir = join(work, 'data')
  // The demo story's first two versions as AWS CLI dumps: the second opens ssh to the world.
  dumps = generateDemoVersions({}).slice(0, 2).map((inv, i) => {
    const dir = join(work, `dump-${i + 1}`)
    writeImportLayout(inv, dir)
    return dir
  })
  expect(await importDump(0)).toMatchObject({ version: '1', created: true })
  server = await startServer(dataDir)
  browser = await launchBrowser()
  page = browser.page
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `live-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('live updates', () => {
  it('shows a version another process recorded, without a reload, and opens its diff', async () => {
    const polls: number[] = []
    page.on('response', (r) => { if (new URL(r.url()).pathname === '/api/environments/live/latest') polls.push(r.status()) })
    await page.goto(`${server.url}/?env=live&view=timeline`)
    await expect.poll(timelineRows, { timeout: 30_000 }).toEqual(['1'])
    // The page polls, and the server answers 304 while the latest version stays the same.
    await expect.poll(() => polls.includes(304), { timeout: 20_000 }).toBe(true)
    expect(await page.getByTestId('live-notice').count()).toBe(0)
    // A marker that a reload would wipe.
    await page.evaluate(() => { (window as unknown as { __sameDocument: boolean }).__sameDocument = true })

    expect(await importDump(1)).toMatchObject({ version: '2', created: true })
    const notice = page.getByTestId('live-notice')
    await notice.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('live-notice-open').textContent()).toBe('Version 2 recorded: 1 critical change')
    expect(await notice.getAttribute('role')).toBe('status')
    await expect.poll(timelineRows, { timeout: 30_000 }).toEqual(['2', '1'])
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)

    await page.getByTestId('live-notice-open').click()
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'diff')
    const url = new URL(page.url())
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['1', '2'])
    await page.locator('.change-item').first().waitFor({ timeout: 30_000 })
    expect(await page.locator('.change-item').first().textContent()).toContain('22')
    expect(await page.getByTestId('live-notice').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
  }, 120_000)

  it('picks the version current at a typed time on the timeline, and reads a time in version=', async () => {
    const [v1, v2] = await versions()
    const between = new Date((Date.parse(v1!.createdAt) + Date.parse(v2!.createdAt)) / 2).toISOString()
    await page.goto(`${server.url}/?env=live&view=timeline`)
    await expect.poll(timelineRows, { timeout: 30_000 }).toEqual(['2', '1'])
    await page.getByTestId('timeline-at-input').fill(between)
    await page.getByTestId('timeline-at-input').press('Enter')
    expect(await page.getByTestId('timeline-at-result').textContent()).toMatch(/: v1, recorded /)
    expect(await page.locator('tr.timeline-picked').getAttribute('data-version')).toBe('1')
    // A second time compares the two: the diff of the versions current then.
    await page.getByTestId('timeline-at-input').fill('0m ago')
    await page.getByTestId('timeline-at-input').press('Enter')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('view') === 'diff')
    const url = new URL(page.url())
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['1', '2'])

    // Before the first version: said as an error, on the input and not another version silently.
    await page.goto(`${server.url}/?env=live&view=timeline`)
    await expect.poll(timelineRows, { timeout: 30_000 }).toEqual(['2', '1'])
    await page.getByTestId('timeline-at-input').fill('2020-01-01T00:00Z')
    await page.getByTestId('timeline-at-input').press('Enter')
    expect(await page.getByTestId('timeline-at-result').textContent()).toMatch(/is before the first stored version \(version 1, recorded /)
    expect(await page.getByTestId('timeline-at-result').getAttribute('role')).toBe('alert')

    // version= as a time opens the version current then, and the address names it by id.
    await page.goto(`${server.url}/?env=live&view=infrastructure&version=${encodeURIComponent(between)}`)
    await page.locator('[data-testid="workspace"][data-version="1"]').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('version-picker').inputValue()).toBe('1')
    expect(new URL(page.url()).searchParams.get('version')).toBe('1')
    await page.goto(`${server.url}/?env=live&view=infrastructure&version=2020-01-01T00:00Z`)
    await page.getByTestId('status-error').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('status-error').textContent()).toContain('version=2020-01-01T00:00Z: 2020-01-01T00:00:00.000Z ("2020-01-01T00:00Z") is before the first stored version')
    expect(await page.getByTestId('workspace').count()).toBe(0)
  }, 120_000)
})
