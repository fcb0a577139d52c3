/**
 * The Diff view in Chromium against a real `vpclens serve`: the demo story's versions, plus a small
 * environment "edited" (stored through the real SQLite store) where an instance is modified in
 * place and renamed to hostile markup. Assertions read `window.__vpclens.cy`, the DOM and the API.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Diff, DiffGraph, Graph, Instance } from '../../shared/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'
import { demoStoreCopy } from './support/demoStoreCopy.ts'

const RESULTS = join(REPO, 'test-results')
const HOSTILE = '<img src=x onerror="window.__pwned=1">'
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page

const api = async <T,>(path: string): Promise<T> => {
  const res = await fetch(new URL(path, server.url))
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

/** Opens the diff view for a pair and waits until its diagram and list are drawn. */
async function openDiff(env: string, from: string, to: string) {
  await page.goto(`${server.url}/?env=${env}&view=diff&from=${from}&to=${to}`)
  await page.locator(`[data-testid="diff-view"][data-pair="${from}:${to}"]`).waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => (window.__vpclens?.cy.nodes('.diff-unchanged, .diff-added, .diff-removed, .diff-modified').length ?? 0) > 0)
}

const idsWith = (cls: string) => page.evaluate((c) => window.__vpclens!.cy.nodes(`.${c}`).map((n) => n.id()).sort(), cls)
const statusIds = (g: DiffGraph, status: string) => g.nodes.filter((n) => n.status === status).map((n) => n.id).sort()

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = await demoStoreCopy('e2e-diff')
  // "edited": the same instance, resized and renamed (a modified node, and untrusted text in the diff).
  const store = openSqliteStore(dataDir)
  await store.put('edited', normalize(smallInventory()), { source: 'import', at: '2026-11-01T00:00:00.000Z' })
  const v2 = smallInventory()
  const instance = v2.regions[0]!.ec2.Reservations[0]!.Instances![0]! as Instance
  instance.InstanceType = 'm6i.large'
  instance.Tags = [{ Key: 'Name', Value: HOSTILE }, { Key: 'env', Value: 'prod' }]
  await store.put('edited', normalize(v2), { source: 'import', at: '2026-11-02T00:00:00.000Z' })
  await store.close()
  server = await startServer(dataDir)
  browser = await launchBrowser()
  page = browser.page
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `diff-view-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('Diff view', () => {
  it('lists the bastion security group opened to the world on tcp/22 first, and marks what it exposed', async () => {
    const diff = await api<Diff>('/api/environments/demo/diff?from=1&to=2')
    const sg = diff.resources.find((r) => r.kind === 'security-group' && r.rules.some((x) => x.key === 'tcp/22/0.0.0.0/0' && x.change === 'added'))!
    expect(sg, 'the demo story opens tcp/22 to 0.0.0.0/0 on a security group').toBeDefined()
    await openDiff('demo', '1', '2')
    const first = page.getByTestId('change-item').first()
    const text = await first.textContent()
    expect(text).toContain(sg.id)
    expect(text).toContain('tcp 22 from 0.0.0.0/0')
    expect(text).toContain('critical')
    // The security group itself comes next, before anything less severe.
    const keys = await page.getByTestId('change-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-change-key')))
    expect(keys.slice(0, 2)).toEqual(['exposure:0', `resource:${sg.id}`])

    // The group is not drawn: what carries it is marked, the interface it exposed most of all.
    const graph = await api<DiffGraph>('/api/environments/demo/diff/graph?from=1&to=2')
    const carriers = graph.nodes.filter((n) => (n.details.groups ?? '').split(',').includes(sg.id)).map((n) => n.id).sort()
    expect(carriers.length).toBeGreaterThan(0)
    expect(await idsWith('diff-affected')).toEqual(expect.arrayContaining(carriers))
    expect(await idsWith('diff-exposure-up')).toEqual([diff.exposure[0]!.resourceId])
    expect(await idsWith('diff-added')).toEqual([])
    expect(await idsWith('diff-removed')).toEqual([])
    const label = await page.evaluate((id) => String(window.__vpclens!.cy.$id(id).data('label')), diff.exposure[0]!.resourceId)
    expect(label.startsWith('▲')).toBe(true)
  })

  it('clicking a change selects its element in the diagram and shows the rule before/after', async () => {
    const diff = await api<Diff>('/api/environments/demo/diff?from=1&to=2')
    await openDiff('demo', '1', '2')
    await page.getByTestId('change-item').first().click()
    await expect.poll(() => page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))).toEqual([diff.exposure[0]!.resourceId])
    const details = page.getByTestId('diff-details')
    await details.waitFor()
    const rules = details.getByTestId('rule-changes')
    expect(await rules.locator('th[scope="row"]').first().textContent()).toBe('sg-ingress tcp/22/0.0.0.0/0')
    expect(await rules.locator('td.diff-before').first().textContent()).toBe('—')
    expect(await rules.locator('td.diff-after').first().textContent()).toContain('tcp 22 from 0.0.0.0/0')
    // The selected node is in view.
    const inView = await page.evaluate((id) => {
      const cy = window.__vpclens!.cy
      const p = cy.$id(id).renderedPosition()
      return p.x > 0 && p.y > 0 && p.x < cy.width() && p.y < cy.height()
    }, diff.exposure[0]!.resourceId)
    expect(inView).toBe(true)
  })

  it('shows added elements (v2 → v3) with their class and glyph, where the later version has them', async () => {
    const graph = await api<DiffGraph>('/api/environments/demo/diff/graph?from=2&to=3')
    const diff = await api<Diff>('/api/environments/demo/diff?from=2&to=3')
    await openDiff('demo', '2', '3')
    const added = statusIds(graph, 'added')
    // The story: a subnet and two instances (with their interfaces).
    const addedResources = diff.resources.filter((r) => r.change === 'added')
    expect(addedResources.filter((r) => r.kind === 'subnet')).toHaveLength(1)
    expect(addedResources.filter((r) => r.kind === 'instance')).toHaveLength(2)
    expect(added).toEqual(expect.arrayContaining(addedResources.map((r) => r.id)))
    expect(await idsWith('diff-added')).toEqual(added)
    expect(await idsWith('diff-removed')).toEqual([])
    const labels = await page.evaluate((ids) => ids.map((id) => String(window.__vpclens!.cy.$id(id).data('label'))), added)
    for (const l of labels) expect(l.startsWith('+ ')).toBe(true)
    const styles = await page.evaluate((id) => {
      const n = window.__vpclens!.cy.$id(id)
      return { style: n.style('border-style'), colour: n.style('border-color') }
    }, addedResources.find((r) => r.kind === 'instance')!.id)
    expect(styles.style).toBe('solid')
    expect(styles.colour).toBe('rgb(21,128,61)')

    // Unchanged resources sit exactly where the Infrastructure view puts them in v3.
    const layout = layoutGraph(await api<Graph>('/api/environments/demo/versions/3/graph'))
    const positions = await page.evaluate(() => window.__vpclens!.cy.nodes('.diff-unchanged:childless').map((n) => ({ id: n.id(), ...n.position() })))
    expect(positions.length).toBeGreaterThan(50)
    for (const p of positions) {
      const want = layout.positions.get(p.id)!
      expect(p.x, p.id).toBeCloseTo(want.x, 1)
      expect(p.y, p.id).toBeCloseTo(want.y, 1)
    }
  })

  it('shows removed elements (v3 → v4): the instance and its interface, dashed, with the − glyph', async () => {
    const graph = await api<DiffGraph>('/api/environments/demo/diff/graph?from=3&to=4')
    const diff = await api<Diff>('/api/environments/demo/diff?from=3&to=4')
    await openDiff('demo', '3', '4')
    const removed = diff.resources.filter((r) => r.change === 'removed')
    expect(removed.map((r) => r.kind).sort()).toEqual(['instance', 'network-interface'])
    expect(statusIds(graph, 'removed')).toEqual(removed.map((r) => r.id).sort())
    expect(await idsWith('diff-removed')).toEqual(removed.map((r) => r.id).sort())
    expect(await idsWith('diff-added')).toEqual([])
    const shown = await page.evaluate((id) => {
      const n = window.__vpclens!.cy.$id(id)
      return { label: String(n.data('label')), style: n.style('border-style') }
    }, removed[0]!.id)
    expect(shown.label.startsWith('− ')).toBe(true)
    expect(shown.style).toBe('dashed')
  })

  it('shows a modified element with its field changes, and untrusted names as text', async () => {
    await openDiff('edited', '1', '2')
    expect(await idsWith('diff-modified')).toContain('i-web')
    const shown = await page.evaluate(() => {
      const n = window.__vpclens!.cy.$id('i-web')
      return { label: String(n.data('label')), style: n.style('border-style') }
    })
    expect(shown.label.startsWith('~ ')).toBe(true)
    expect(shown.style).toBe('double')
    await page.locator('[data-testid="change-item"][data-change-key="resource:i-web"]').click()
    await expect.poll(() => page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))).toEqual(['i-web'])
    const fields = page.getByTestId('diff-details').getByTestId('field-changes')
    const rows = await fields.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)))
    expect(rows).toEqual(expect.arrayContaining([expect.arrayContaining(['t3.small', 'm6i.large'])]))
    // The hostile name is shown as text wherever it appears, never as markup.
    expect(await page.getByTestId('diff-view').textContent()).toContain(HOSTILE)
    expect(await page.locator('[data-testid="diff-view"] img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
  })

  it('"changes only" hides unchanged resources and keeps the containers of changed ones, in place', async () => {
    await openDiff('demo', '2', '4')
    const before = await page.evaluate(() => Object.fromEntries(window.__vpclens!.cy.nodes(':childless').map((n) => [n.id(), n.position()])))
    await page.getByTestId('changes-only').check()
    await page.waitForFunction(() => window.__vpclens!.cy.nodes('.diff-hidden').length > 0)
    const state = await page.evaluate(() => {
      const cy = window.__vpclens!.cy
      const changed = cy.nodes('.diff-added, .diff-removed, .diff-modified, .diff-affected, .diff-exposure-up, .diff-exposure-down')
      return {
        // Unchanged resources stay only as the far end of a changed link (the NAT gateway a new route points at).
        quietVisible: cy.nodes('.resource.diff-quiet:visible').filter((n) => n.connectedEdges('.diff-added, .diff-removed, .diff-modified').empty()).map((n) => n.id()),
        quiet: cy.nodes('.resource.diff-quiet').length,
        changedHidden: changed.filter((n) => !n.visible()).map((n) => n.id()),
        changed: changed.map((n) => n.id()),
        // Every visible changed node has its containers visible.
        orphan: changed.filter((n) => n.ancestors().filter(':hidden').length > 0).map((n) => n.id()),
        positions: Object.fromEntries(cy.nodes(':childless').map((n) => [n.id(), n.position()])),
      }
    })
    expect(state.quiet).toBeGreaterThan(20)
    expect(state.quietVisible).toEqual([])
    expect(state.changed.length).toBeGreaterThanOrEqual(8)
    expect(state.changedHidden).toEqual([])
    expect(state.orphan).toEqual([])
    expect(state.positions).toEqual(before)
    await page.getByTestId('changes-only').uncheck()
    await page.waitForFunction(() => window.__vpclens!.cy.nodes('.diff-hidden').length === 0)
  })

  it('keeps the pair in the address bar, and swaps it', async () => {
    await openDiff('demo', '3', '4')
    await page.getByTitle('Swap the two versions').click()
    await page.locator('[data-testid="diff-view"][data-pair="4:3"]').waitFor()
    const url = new URL(page.url())
    expect([url.searchParams.get('view'), url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['diff', '4', '3'])
    // Swapped: what v4 lost now shows as added.
    await page.waitForFunction(() => window.__vpclens!.cy.nodes('.diff-added').length === 2)
  })

  it('takes the screenshot for the README', async () => {
    await openDiff('demo', '1', '4')
    await page.getByTestId('change-item').first().click()
    await page.getByTestId('diff-details').waitFor()
    await page.waitForTimeout(300)
    await readmeScreenshot(page, 'diff.png')
  })
})
