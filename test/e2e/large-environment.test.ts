/**
 * A scaled demo (`vpclens demo --scale 3000`: ~3,000 ENIs and as many instances) in a real browser:
 * it opens at overview with one collapsed node per subnet (counts, bundled edges, no resources),
 * behind a progress overlay; a click expands a subnet where the layout puts its resources; zooming in
 * expands the subnets in view and zooming out collapses them again.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Graph } from '../../shared/index.ts'
import { layoutGraph, type DiagramLayout } from '../../web/src/diagram/layout.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'

const RESULTS = join(REPO, 'test-results')
const ENV = 'demo-3000'
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let graph: Graph
let layout: DiagramLayout
let subnets: { id: string; members: number; enis: number }[]

declare global { interface Window { __sawProgress?: boolean } }

const collapsedIds = () => page.evaluate(() => window.__vpclens!.cy.nodes('.collapsed').map((n) => n.id()).sort())
const childCount = (id: string) => page.evaluate((s) => window.__vpclens!.cy.nodes(`[parent = "${s}"]`).length, id)

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-e2e-large-'))
  execFileSync(process.execPath, ['bin/vpclens.mjs', 'demo', '--scale', '3000', '--data-dir', dataDir], { cwd: REPO, stdio: 'pipe' })
  server = await startServer(dataDir)
  const res = await fetch(new URL(`/api/environments/${ENV}/versions/latest/graph`, server.url))
  expect(res.status).toBe(200)
  graph = (await res.json()) as Graph
  layout = layoutGraph(graph)
  subnets = graph.nodes.filter((n) => n.kind === 'subnet').map((s) => {
    const kids = graph.nodes.filter((n) => n.parent === s.id)
    return { id: s.id, members: kids.length, enis: kids.filter((n) => n.kind === 'network-interface').length }
  }).filter((s) => s.members > 0)
  browser = await launchBrowser()
  page = browser.page
  // Record whether the progress overlay ever showed (it may be gone by the time the test looks).
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="progress-overlay"]')) window.__sawProgress = true
    }).observe(document, { subtree: true, childList: true })
  })
}, 240_000)

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `large-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('a large environment', () => {
  it('opens at overview: collapsed subnets with counts, bundled edges, no resources drawn', async () => {
    expect(graph.nodes.filter((n) => n.kind === 'network-interface').length).toBeGreaterThanOrEqual(3000)
    await page.goto(`${server.url}/?env=${ENV}`)
    await page.locator('[data-testid="diagram"][data-lod="collapsed-subnets"]').waitFor({ timeout: 60_000 })
    await page.waitForFunction(() => (window.__vpclens?.cy.nodes('.collapsed').length ?? 0) > 0, null, { timeout: 60_000 })
    expect(await collapsedIds()).toEqual(subnets.map((s) => s.id).sort())
    const shown = await page.evaluate(() => {
      const cy = window.__vpclens!.cy
      return {
        nodes: cy.nodes().length,
        resources: cy.nodes('[kind = "network-interface"], [kind = "instance"]').map((n) => n.id()),
        // Interfaces of load balancers and endpoints (outside subnets) remain, as bundles.
        interfaceOf: cy.edges('[kind = "interface-of"]').not('.bundle').length,
        bundles: cy.edges('.bundle').map((e) => ({ kind: e.data('kind'), count: e.data('count'), target: e.target().id() })),
        labels: Object.fromEntries(cy.nodes('.collapsed').map((n) => [n.id(), String(n.data('label'))])),
        zoom: cy.zoom(),
      }
    })
    expect(shown.resources).toEqual([])
    expect(shown.interfaceOf).toBe(0)
    expect(shown.nodes).toBeLessThan(graph.nodes.length / 20)
    for (const s of subnets) expect(shown.labels[s.id], s.id).toContain(`${s.enis.toLocaleString('en-US')} ENI`)
    // Load-balancer target edges are bundled per subnet, and the counts add up.
    const lbTargets = graph.edges.filter((e) => e.kind === 'lb-target').length
    const bundled = shown.bundles.filter((b) => b.kind === 'lb-target')
    expect(bundled.length).toBeGreaterThan(0)
    expect(bundled.length).toBeLessThan(lbTargets)
    expect(bundled.reduce((n, b) => n + Number(b.count), 0)).toBe(lbTargets)
    expect(await page.evaluate(() => window.__sawProgress === true)).toBe(true)
    await page.screenshot({ path: join(RESULTS, 'large-overview.png') })
  })

  it('expands a subnet on click, its resources where the layout puts them', async () => {
    const target = [...subnets].sort((a, b) => a.members - b.members)[Math.floor(subnets.length / 2)]
    const at = await page.evaluate((id) => {
      const cy = window.__vpclens!.cy
      const rect = cy.container()!.getBoundingClientRect()
      const p = cy.$id(id).renderedPosition()
      return { x: rect.left + p.x, y: rect.top + p.y }
    }, target.id)
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => childCount(target.id), { timeout: 30_000 }).toBe(target.members)
    const collapsed = await collapsedIds()
    expect(collapsed).not.toContain(target.id)
    expect(collapsed).toHaveLength(subnets.length - 1)
    const positions = await page.evaluate((id) => window.__vpclens!.cy.nodes(`[parent = "${id}"]`).map((n) => ({ id: n.id(), ...n.position() })), target.id)
    for (const p of positions) {
      const want = layout.positions.get(p.id)!
      expect(p.x, p.id).toBeCloseTo(want.x, 1)
      expect(p.y, p.id).toBeCloseTo(want.y, 1)
    }
    // The expanded subnet keeps its box.
    const box = await page.evaluate((id) => { const n = window.__vpclens!.cy.$id(id); return { w: n.outerWidth(), h: n.outerHeight() } }, target.id)
    const want = layout.boxes.get(target.id)!
    expect(box.w).toBeCloseTo(want.w, 0)
    expect(box.h).toBeCloseTo(want.h, 0)
    await page.screenshot({ path: join(RESULTS, 'large-expanded.png') })
  })

  it('expands the subnets in view when zoomed in, and collapses them when zoomed out', async () => {
    await page.getByTestId('collapse-all').click()
    await expect.poll(collapsedIds).toHaveLength(subnets.length)
    const target = subnets[0]
    const b = layout.boxes.get(target.id)!
    await page.evaluate(({ x, y }) => {
      const cy = window.__vpclens!.cy
      const zoom = 0.5
      cy.viewport({ zoom, pan: { x: cy.width() / 2 - x * zoom, y: cy.height() / 2 - y * zoom } })
    }, { x: b.x + b.w / 2, y: b.y + b.h / 2 })
    await expect.poll(() => childCount(target.id), { timeout: 30_000 }).toBe(target.members)
    expect(await page.evaluate(() => window.__vpclens!.cy.nodes('.resource').length)).toBeLessThanOrEqual(3000 + 10)
    await page.getByRole('button', { name: 'Fit' }).click()
    await expect.poll(collapsedIds, { timeout: 30_000 }).toHaveLength(subnets.length)
    expect(await childCount(target.id)).toBe(0)
  })
})
