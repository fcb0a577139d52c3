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
import type { ExposureSummary, Graph, SecurityGraph } from '../../shared/index.ts'
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
/** A real mouse click on a node's rendered centre. */
async function tapAt(id: string): Promise<void> {
  const at = await page.evaluate((x) => {
    const cy = window.__vpclens!.cy
    const rect = cy.container()!.getBoundingClientRect()
    const p = cy.$id(x).renderedPosition()
    return { x: rect.left + p.x, y: rect.top + p.y }
  }, id)
  await page.mouse.click(at.x, at.y)
}
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

  it('arranges the VPCs in a grid of several rows, their names readable at overview', async () => {
    const vpcs = graph.nodes.filter((n) => n.kind === 'vpc')
    expect(vpcs.length).toBeGreaterThanOrEqual(3)
    const drawn = await page.evaluate(() => {
      const cy = window.__vpclens!.cy
      return {
        zoom: cy.zoom(),
        vpcs: cy.nodes('.vpc').map((n) => ({
          id: n.id(), y1: Math.round(n.boundingBox({ includeLabels: false }).y1), x1: Math.round(n.boundingBox({ includeLabels: false }).x1),
          label: String(n.style('label')), fontSize: parseFloat(String(n.style('font-size'))), overview: n.hasClass('overview-label'),
          visible: n.visible(), textOpacity: Number(n.style('text-opacity')),
        })),
      }
    })
    expect(drawn.vpcs.map((v) => v.id).sort()).toEqual(vpcs.map((v) => v.id).sort())
    // Not one row: at least two rows and two columns, as the layout placed them.
    expect(new Set(drawn.vpcs.map((v) => v.y1)).size).toBeGreaterThanOrEqual(2)
    expect(new Set(drawn.vpcs.map((v) => v.x1)).size).toBeGreaterThanOrEqual(2)
    for (const v of drawn.vpcs) {
      const want = layout.boxes.get(v.id)!
      expect(v.y1, v.id).toBeCloseTo(want.y, -1)
      // The name alone at overview (its id and CIDR come back when zoomed in).
      expect(v.label, v.id).toBe(vpcs.find((n) => n.id === v.id)!.label)
      expect(v.overview, v.id).toBe(true)
      expect(v.visible && v.textOpacity === 1, v.id).toBe(true)
      // Drawn at least 12 screen pixels tall at the overview zoom.
      expect(v.fontSize * drawn.zoom, v.id).toBeGreaterThanOrEqual(12)
    }
    if (process.env.VPCLENS_SCREENSHOTS) await page.screenshot({ path: join(RESULTS, 'large-overview-grid.png') })
  })

  it('expands a subnet on click, its resources where the layout puts them', async () => {
    const target = [...subnets].sort((a, b) => a.members - b.members)[Math.floor(subnets.length / 2)]
    await tapAt(target.id)
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

  it('counts the exposed interfaces of each VPC on its label at overview (from the slim exposure summary)', async () => {
    const summary = (await (await fetch(new URL(`/api/environments/${ENV}/versions/latest/exposure/summary`, server.url))).json()) as ExposureSummary
    const perVpc = new Map<string, Set<string>>()
    for (const e of summary.exposures) if (e.vpcId !== null) perVpc.set(e.vpcId, (perVpc.get(e.vpcId) ?? new Set()).add(e.eni))
    expect(perVpc.size).toBeGreaterThan(0)
    const requested: string[] = []
    page.on('request', (r) => { if (r.url().includes('/exposure')) requested.push(new URL(r.url()).pathname) })
    await page.goto(`${server.url}/?env=${ENV}&overlay=exposure`)
    await page.waitForFunction(() => window.__vpclens?.cy.nodes('.vpc').some((n) => String(n.data('label')).includes('exposed interface')) ?? false, null, { timeout: 60_000 })
    const labels = await page.evaluate(() => Object.fromEntries(window.__vpclens!.cy.nodes('.vpc').map((n) => [n.id(), String(n.data('label'))])))
    for (const [vpc, enis] of perVpc) expect(labels[vpc], vpc).toContain(`▲ ${enis.size.toLocaleString('en-US')} exposed interface`)
    // The overlay reads the summary only: the full report (traces) waits for a selection.
    expect(requested.every((p) => p.endsWith('/exposure/summary'))).toBe(true)
  })

  it('opens the Security view with each VPC collapsed, and expands one on click', async () => {
    const sg = (await (await fetch(new URL(`/api/environments/${ENV}/versions/latest/security-graph`, server.url))).json()) as SecurityGraph
    const groupsPerVpc = new Map<string, number>()
    for (const n of sg.nodes) if (n.kind === 'security-group' && n.parent !== undefined) groupsPerVpc.set(n.parent, (groupsPerVpc.get(n.parent) ?? 0) + 1)
    expect([...groupsPerVpc.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(400)
    await page.goto(`${server.url}/?env=${ENV}&view=security`)
    await page.locator('[data-testid="security-diagram"][data-lod="collapsed-vpcs"]').waitFor({ timeout: 60_000 })
    await page.waitForFunction(() => (window.__vpclens?.cy.nodes('.sg-vpc.collapsed').length ?? 0) > 0, null, { timeout: 60_000 })
    const shown = await page.evaluate(() => {
      const cy = window.__vpclens!.cy
      return {
        collapsed: Object.fromEntries(cy.nodes('.sg-vpc.collapsed').map((n) => [n.id(), String(n.data('label'))])),
        groups: cy.nodes('[kind = "security-group"]').length,
        bundles: cy.edges('.bundle').length,
      }
    })
    expect(Object.keys(shown.collapsed).sort()).toEqual([...groupsPerVpc.keys()].sort())
    for (const [vpc, n] of groupsPerVpc) expect(shown.collapsed[vpc], vpc).toContain(`${n.toLocaleString('en-US')} security group`)
    expect(shown.groups).toBe(0)
    expect(shown.bundles).toBeGreaterThan(0)
    const [target, members] = [...groupsPerVpc].sort((a, b) => a[1] - b[1])[0]
    await tapAt(target)
    await expect.poll(() => page.evaluate((v) => window.__vpclens!.cy.nodes(`[parent = "${v}"][kind = "security-group"]`).length, target), { timeout: 30_000 }).toBe(members)
    expect(await page.evaluate(() => window.__vpclens!.cy.nodes('.sg-vpc.collapsed').length)).toBe(groupsPerVpc.size - 1)
    if (process.env.VPCLENS_SCREENSHOTS) await page.screenshot({ path: join(RESULTS, 'large-security-expanded.png') })
  })

  it('rejects a malformed response with an error naming the field', async () => {
    // The real server never sends a malformed body: the browser's own request is answered with one
    // (Playwright's routing), to see the web's check at work.
    await page.route('**/versions/*/findings', async (route) => {
      const res = await route.fetch()
      const body = (await res.json()) as { findings: { severity: unknown }[] }
      body.findings[1].severity = 'catastrophic'
      await route.fulfill({ response: res, json: body })
    })
    try {
      await page.goto(`${server.url}/?env=${ENV}&view=findings`)
      const error = page.getByTestId('status-error')
      await error.waitFor({ timeout: 60_000 })
      expect(await error.innerText()).toMatch(/does not match the expected shape: \/findings\/1\/severity/)
    } finally {
      await page.unroute('**/versions/*/findings')
    }
  })
})
