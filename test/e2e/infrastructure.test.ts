/**
 * The Infrastructure view in a real browser against a real `vpclens serve` holding the demo story.
 * Assertions read `window.__vpclens.cy` (counts, selection, geometry), the DOM and the address bar.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Graph, VersionSummary } from '../../shared/index.ts'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
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
const graphOf = (version: string) => api<Graph>(`/api/environments/demo/versions/${version}/graph`)
const countKinds = (g: Graph) => Object.fromEntries(['vpc', 'subnet', 'network-interface'].map((k) => [k, g.nodes.filter((n) => n.kind === k).length]))

/** Kind counts of what Cytoscape shows, once the page shows `version` (the workspace says when). */
async function diagramFor(version: string) {
  await page.locator(`[data-testid="workspace"][data-version="${version}"]`).waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => (window.__vpclens?.cy.nodes().length ?? 0) > 0)
  return page.evaluate(() => {
    const cy = window.__vpclens!.cy
    return Object.fromEntries(['vpc', 'subnet', 'network-interface'].map((k) => [k, cy.nodes(`[kind = "${k}"]`).length]))
  })
}

/** A real mouse click in the middle of a node, where Cytoscape draws it. */
async function clickNode(id: string) {
  const at = await page.evaluate((nodeId) => {
    const cy = window.__vpclens!.cy
    const node = cy.$id(nodeId)
    const rect = cy.container()!.getBoundingClientRect()
    const p = node.renderedPosition()
    return { x: rect.left + p.x, y: rect.top + p.y }
  }, id)
  await page.mouse.click(at.x, at.y)
}

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = await demoStoreCopy('e2e')
  server = await startServer(dataDir)
  browser = await launchBrowser()
  page = browser.page
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `infrastructure-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('Infrastructure view', () => {
  it('loads the demo and draws what the API says, where the layout says', async () => {
    const versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
    const latest = versions.at(-1)!.id
    await page.goto(server.url)
    const shown = await diagramFor(latest)
    const graph = await graphOf(latest)
    expect(shown).toEqual(countKinds(graph))
    expect(shown.vpc).toBeGreaterThan(1)
    expect(shown['network-interface']).toBeGreaterThan(10)
    expect(new URL(page.url()).searchParams.get('env')).toBe('demo')
    expect(new URL(page.url()).searchParams.get('version')).toBe(latest)

    // Every node is where the layout put it, compounds included (their exact size comes from data).
    const layout = layoutGraph(graph)
    const boxes = await page.evaluate(() => window.__vpclens!.cy.nodes().map((n) => {
      const p = n.position(), w = n.outerWidth(), h = n.outerHeight()
      return { id: n.id(), x: p.x - w / 2, y: p.y - h / 2, w, h }
    }))
    expect(boxes).toHaveLength(graph.nodes.length)
    for (const b of boxes) {
      const want = layout.boxes.get(b.id)!
      for (const k of ['x', 'y', 'w', 'h'] as const) expect(b[k], `${b.id}.${k}`).toBeCloseTo(want[k], 1)
    }
    // The demo's three VPCs sit in a grid shaped for the screen (two rows, not one long row), so the
    // fitted first view is readable (zoom ≥ 0.6) and shows the whole diagram.
    const inView = (sel: string) => page.evaluate((s) => {
      const cy = window.__vpclens!.cy
      const bb = cy.elements(s).renderedBoundingBox()
      return bb.x1 >= -1 && bb.y1 >= -1 && bb.x2 <= cy.width() + 1 && bb.y2 <= cy.height() + 1
    }, sel)
    const vpcTops = new Set(graph.nodes.filter((n) => n.kind === 'vpc').map((n) => layout.boxes.get(n.id)!.y))
    expect(vpcTops.size).toBeGreaterThanOrEqual(2)
    expect(await page.evaluate(() => window.__vpclens!.cy.zoom())).toBeGreaterThanOrEqual(0.6)
    expect(await inView('*')).toBe(true)
    await page.getByRole('button', { name: 'Fit' }).click()
    expect(await inView('*')).toBe(true)
    await page.screenshot({ path: join(RESULTS, 'infrastructure-loaded.png') })
    await readmeScreenshot(page, 'infrastructure.png')
  })

  it('asks for the environments, the versions and the graph once each, all three started before the app ran (earlyRequests.ts)', async () => {
    const latest = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions.at(-1)!.id
    const asked: string[] = []
    const record = (r: { url: () => string }) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) asked.push(u.pathname) }
    page.on('request', record)
    try {
      await page.goto(`${server.url}/?env=demo`)
      await diagramFor(latest)
    } finally {
      page.off('request', record)
    }
    const first = ['/api/environments', '/api/environments/demo/versions', `/api/environments/demo/versions/${latest}/graph`]
    for (const path of first) expect(asked.filter((p) => p === path), path).toHaveLength(1)
    expect(await page.evaluate(() => [...window.__vpclensEarly!.used].sort())).toEqual([...first].sort())
  })

  it('shows a clicked node in the side panel with its attributes', async () => {
    const instance = await page.evaluate(() => window.__vpclens!.cy.nodes('[kind = "instance"]').first().id())
    await clickNode(instance)
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(instance)
    await page.getByTestId('resource-details').waitFor()
    const facts = await page.getByTestId('resource-facts').textContent()
    expect(facts).toContain(instance)
    expect(facts).toContain('instance')
    expect(await page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))).toEqual([instance])
    expect(new URL(page.url()).searchParams.get('select')).toBe(instance)
    // A load balancer's id is an ARN, with slashes: the resource request must encode it.
    const lb = await page.evaluate(() => window.__vpclens!.cy.nodes('[kind = "load-balancer"]').first().id())
    expect(lb).toContain('/')
    await page.evaluate((id) => { window.__vpclens!.cy.$id(id).emit('tap') }, lb)
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(lb)
    await page.getByTestId('resource-details').waitFor()
    expect(await page.getByTestId('resource-facts').textContent()).toContain(lb)
    await page.screenshot({ path: join(RESULTS, 'infrastructure-selected.png') })
  })

  it('switches versions: the demo story adds a subnet', async () => {
    const versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
    const i = versions.findIndex((v, k) => k > 0 && (v.counts.subnet ?? 0) > (versions[k - 1].counts.subnet ?? 0))
    expect(i).toBeGreaterThan(0)
    const [before, after] = [versions[i - 1].id, versions[i].id]
    await page.getByTestId('version-picker').selectOption(before)
    const shownBefore = await diagramFor(before)
    expect(shownBefore).toEqual(countKinds(await graphOf(before)))
    await page.getByTestId('version-picker').selectOption(after)
    const shownAfter = await diagramFor(after)
    expect(shownAfter).toEqual(countKinds(await graphOf(after)))
    expect(shownAfter.subnet).toBeGreaterThan(shownBefore.subnet)
    expect(new URL(page.url()).searchParams.get('version')).toBe(after)
    await page.screenshot({ path: join(RESULTS, `infrastructure-version-${after}.png`) })
  })

  it('reproduces the version and the selection from the URL after a reload', async () => {
    const versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
    const older = versions[0].id
    await page.getByTestId('version-picker').selectOption(older)
    await diagramFor(older)
    const subnet = await page.evaluate(() => window.__vpclens!.cy.nodes('[kind = "subnet"]').last().id())
    await page.evaluate((id) => { window.__vpclens!.cy.$id(id).emit('tap') }, subnet)
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBe(subnet)
    const url = page.url()

    await page.reload()
    await diagramFor(older)
    expect(page.url()).toBe(url)
    expect(await page.getByTestId('version-picker').inputValue()).toBe(older)
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(subnet)
    expect(await page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))).toEqual([subnet])

    // Clicking the background clears the selection, and the URL with it.
    await page.evaluate(() => { window.__vpclens!.cy.emit('tap') })
    await expect.poll(() => new URL(page.url()).searchParams.get('select')).toBe(null)
    expect(await page.getByTestId('side-panel').count()).toBe(0)
  })

  it("shows the server's error message when the API fails", async () => {
    // The real server only fails on bad input, which the UI never sends: make the graph request fail.
    await page.route('**/graph', (route) => route.fulfill({
      status: 503, contentType: 'application/json',
      body: JSON.stringify({ code: 'STORE_UNAVAILABLE', message: 'The store is <b>locked</b> by another process' }),
    }))
    try {
      await page.goto(`${server.url}/?env=demo&version=1`)
      const error = page.getByTestId('status-error')
      await error.waitFor()
      expect(await error.textContent()).toContain('The store is <b>locked</b> by another process')
      expect(await page.locator('.status-error b').count()).toBe(0)
    } finally {
      await page.unroute('**/graph')
    }
  })
})
