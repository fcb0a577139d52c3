/**
 * The Timeline view in Chromium against a real `vpclens serve` holding the demo story: one mark per
 * version, severity from the timeline API, and picking two versions opens their diff.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Timeline, VersionSummary } from '../../shared/index.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'
import { demoStoreCopy } from './support/demoStoreCopy.ts'

const RESULTS = join(REPO, 'test-results')
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page

const api = async <T,>(path: string): Promise<T> => {
  const res = await fetch(new URL(path, server.url))
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

async function openTimeline() {
  await page.goto(`${server.url}/?env=demo&view=timeline`)
  await page.getByTestId('timeline-mark').first().waitFor({ timeout: 30_000 })
}
const mark = (id: string) => page.locator(`[data-testid="timeline-mark"][data-version="${id}"]`)

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = await demoStoreCopy('e2e-timeline')
  server = await startServer(dataDir)
  browser = await launchBrowser()
  page = browser.page
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `timeline-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('Timeline view', () => {
  it('draws one mark per version, the port opened to the world standing out', async () => {
    const versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
    const timeline = await api<Timeline>('/api/environments/demo/timeline')
    await openTimeline()
    const marks = await page.getByTestId('timeline-mark').evaluateAll((els) => els.map((e) => [e.getAttribute('data-version'), e.getAttribute('data-level')]))
    expect(marks.map(([id]) => id)).toEqual(versions.map((v) => v.id))
    expect(marks.map(([, level]) => level)).toEqual(timeline.versions.map((v) => (v.changes === null ? 'first' : v.changes.highestSeverity ?? 'none')))
    // Demo story: v2 opens tcp/22 to the world, the only critical version; its mark is the largest diamond.
    expect(marks.filter(([, level]) => level === 'critical').map(([id]) => id)).toEqual(['2'])
    const sizes = await page.locator('[data-testid="timeline-mark"] path.timeline-symbol').evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).getBBox().width))
    expect(Math.max(...sizes)).toBe(sizes[1])
    // Time, source and change counts are on the chart as text.
    const v3 = await mark('3').textContent()
    expect(v3).toContain('v3')
    expect(v3).toContain(versions[2]!.createdAt.slice(0, 10))
    expect(v3).toContain('demo')
    const added = timeline.versions[2]!.changes!.added
    expect(await mark('3').locator('rect.timeline-bar-added').count()).toBe(added > 0 ? 1 : 0)
    expect(await page.getByTestId('timeline-legend').textContent()).toContain('critical')
    await readmeScreenshot(page, 'timeline.png')
  })

  it('opens the diff of two picked versions, older first whatever the click order', async () => {
    await openTimeline()
    await mark('4').click()
    expect(await mark('4').getAttribute('aria-pressed')).toBe('true')
    await mark('2').click()
    await page.locator('[data-testid="diff-view"][data-pair="2:4"]').waitFor({ timeout: 30_000 })
    const url = new URL(page.url())
    expect([url.searchParams.get('view'), url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['diff', '2', '4'])
    await page.waitForFunction(() => (window.__vpclens?.cy.nodes('.diff-added').length ?? 0) > 0)
    expect(await page.getByTestId('tab-diff').getAttribute('aria-selected')).toBe('true')
  })

  it('picks with the keyboard too, and a second press on the same version cancels', async () => {
    await openTimeline()
    await mark('1').focus()
    await page.keyboard.press('Enter')
    expect(await mark('1').getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Enter')
    expect(await mark('1').getAttribute('aria-pressed')).toBe('false')
    await page.keyboard.press('Enter')
    await mark('2').focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="diff-view"][data-pair="1:2"]').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('change-item').first().getAttribute('data-change-key')).toBe('exposure:0')
  })
})
