/**
 * Search, keyboard and the URL in a real browser against `vpclens serve` holding the demo story.
 * Expected results are derived from the API's graph by kind and containment (not by re-running the
 * matcher); what the page highlights is read from `window.__vpclens.cy` classes.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Graph, VersionSummary } from '../../shared/index.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'
import { demoStoreCopy } from './support/demoStoreCopy.ts'

const RESULTS = join(REPO, 'test-results')
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let graph: Graph
let versions: VersionSummary[]

const api = async <T,>(path: string): Promise<T> => {
  const res = await fetch(new URL(path, server.url))
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}
const sorted = (xs: Iterable<string>) => [...xs].sort()
const param = (k: string) => new URL(page.url()).searchParams.get(k)

async function ready(version: string) {
  await page.locator(`[data-testid="workspace"][data-version="${version}"]`).waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => (window.__vpclens?.cy.nodes().length ?? 0) > 0)
}
const classed = (cls: string) => page.evaluate((c) => window.__vpclens!.cy.elements(`.${c}`).map((e) => e.id()), cls)
const selectedIds = () => page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))

async function typeSearch(q: string) {
  const input = page.getByTestId('search-input')
  await input.fill('')
  await input.fill(q)
}

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = await demoStoreCopy('e2e-search')
  server = await startServer(dataDir)
  versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
  graph = await api<Graph>(`/api/environments/demo/versions/${versions.at(-1)!.id}/graph`)
  browser = await launchBrowser()
  page = browser.page
  await page.goto(server.url)
  await ready(versions.at(-1)!.id)
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `search-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('search', () => {
  it('highlights every result, dims the rest, counts them and keeps the query in the URL', async () => {
    const nats = graph.nodes.filter((n) => n.kind === 'nat-gateway').map((n) => n.id)
    expect(nats.length).toBeGreaterThan(1)
    await typeSearch('type:nat')
    await expect.poll(() => page.getByTestId('search-count').getAttribute('data-count')).toBe(String(nats.length))
    expect(await page.getByTestId('search-count').textContent()).toBe(`${nats.length} matches`)
    await expect.poll(async () => sorted(await classed('search-match'))).toEqual(sorted(nats))
    const dimmed = new Set(await classed('search-dim'))
    for (const id of nats) expect(dimmed.has(id)).toBe(false)
    // The containers around a result are not dimmed (their opacity would fade the result too).
    const nat = graph.nodes.find((n) => n.id === nats[0])!
    expect(dimmed.has(nat.parent!)).toBe(false)
    const eni = graph.nodes.find((n) => n.kind === 'network-interface')!
    expect(dimmed.has(eni.id)).toBe(true)
    expect(param('q')).toBe('type:nat')
    await page.screenshot({ path: join(RESULTS, 'search-type-nat.png') })
  })

  it('finds what lies inside a CIDR block: a subnet, its interfaces and instances', async () => {
    const subnet = graph.nodes.find((n) => n.kind === 'subnet' && graph.nodes.some((m) => m.parent === n.id && m.kind === 'instance'))!
    const inside = graph.nodes.filter((n) => n.parent === subnet.id && (n.kind === 'network-interface' || n.kind === 'instance')).map((n) => n.id)
    await typeSearch(`ip:${subnet.details.cidr}`)
    await expect.poll(async () => sorted(await classed('search-match'))).toEqual(sorted([subnet.id, ...inside]))
    expect(await page.getByTestId('search-count').getAttribute('data-count')).toBe(String(inside.length + 1))
  })

  it('says when nothing matches and when a term cannot be read', async () => {
    await typeSearch('no-such-thing-anywhere')
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('No matches')
    expect(await classed('search-match')).toEqual([])
    await typeSearch('ip:10.0.300.0/24')
    await expect.poll(() => page.getByTestId('search-error').textContent()).toContain('10.0.300.0/24')
  })

  it('walks results with Enter / Shift+Enter and the buttons, selecting and centring each', async () => {
    const instances = graph.nodes.filter((n) => n.kind === 'instance').map((n) => n.id)
    await typeSearch('type:ec2')
    await expect.poll(() => page.getByTestId('search-count').getAttribute('data-count')).toBe(String(instances.length))
    const input = page.getByTestId('search-input')
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe(`1 of ${instances.length}`)
    await expect.poll(selectedIds).toEqual([instances[0]])
    expect(param('select')).toBe(instances[0])
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(instances[0])
    expect(await classed('search-current')).toEqual([instances[0]])
    // Centred: the result is in the middle of the diagram.
    const off = await page.evaluate((id) => {
      const cy = window.__vpclens!.cy
      const p = cy.$id(id).renderedPosition()
      return Math.hypot(p.x - cy.width() / 2, p.y - cy.height() / 2)
    }, instances[0])
    expect(off).toBeLessThan(5)
    await input.press('Enter')
    await expect.poll(selectedIds).toEqual([instances[1]])
    await input.press('Shift+Enter')
    await input.press('Shift+Enter')
    // Wraps round to the last.
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe(`${instances.length} of ${instances.length}`)
    await expect.poll(selectedIds).toEqual([instances.at(-1)])
    await page.getByTestId('search-next').click()
    await expect.poll(selectedIds).toEqual([instances[0]])
    await page.getByTestId('search-previous').click()
    await expect.poll(selectedIds).toEqual([instances.at(-1)])
  })

  it('focuses search with /, and Escape clears the search and the selection', async () => {
    await page.locator('body').click({ position: { x: 5, y: 880 } }).catch(() => {})
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input')
    await page.keyboard.type('type:nat')
    await page.keyboard.press('Enter')
    await expect.poll(selectedIds).toHaveLength(1)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('search-input').inputValue()).toBe('')
    await expect.poll(() => classed('search-dim')).toEqual([])
    expect(await classed('search-match')).toEqual([])
    expect(await selectedIds()).toEqual([])
    expect(param('q')).toBe(null)
    expect(param('select')).toBe(null)
    expect(await page.getByTestId('side-panel').count()).toBe(0)
  })

  it('shows keyboard focus with a visible outline', async () => {
    await page.getByTestId('search-input').focus()
    await page.keyboard.press('Tab')
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      const s = getComputedStyle(el)
      return { tag: el.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
    })
    expect(outline.style).not.toBe('none')
    expect(outline.width).toBeGreaterThanOrEqual(2)
  })
})

describe('the URL', () => {
  it('reproduces view, version, search and selection after a reload', async () => {
    const older = versions[0].id
    const old = await api<Graph>(`/api/environments/demo/versions/${older}/graph`)
    const nats = old.nodes.filter((n) => n.kind === 'nat-gateway').map((n) => n.id)
    await page.getByTestId('version-picker').selectOption(older)
    await ready(older)
    await typeSearch('type:nat')
    await page.getByTestId('search-input').press('Enter')
    await page.getByTestId('search-input').press('Enter')
    await expect.poll(selectedIds).toEqual([nats[1]])
    const url = page.url()
    expect(Object.fromEntries(new URL(url).searchParams)).toMatchObject({ env: 'demo', version: older, q: 'type:nat', select: nats[1] })

    await page.reload()
    await ready(older)
    expect(page.url()).toBe(url)
    expect(await page.getByTestId('version-picker').inputValue()).toBe(older)
    expect(await page.getByTestId('search-input').inputValue()).toBe('type:nat')
    await expect.poll(async () => sorted(await classed('search-match'))).toEqual(sorted(nats))
    expect(await page.getByTestId('search-count').getAttribute('data-count')).toBe(String(nats.length))
    await expect.poll(selectedIds).toEqual([nats[1]])
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(nats[1])

    // A link opened afresh, naming a view: the same state.
    const link = new URL(url)
    link.searchParams.set('view', 'infrastructure')
    await page.goto(link.toString())
    await ready(older)
    expect(await page.getByTestId('tab-infrastructure').getAttribute('aria-selected')).toBe('true')
    await expect.poll(async () => sorted(await classed('search-match'))).toEqual(sorted(nats))
    await expect.poll(selectedIds).toEqual([nats[1]])
    link.searchParams.set('view', 'findings')
    await page.goto(link.toString())
    await page.getByTestId('tab-findings').waitFor()
    await expect.poll(() => page.getByTestId('tab-findings').getAttribute('aria-selected')).toBe('true')
    expect(await page.getByTestId('search-input').inputValue()).toBe('type:nat')
  })
})
