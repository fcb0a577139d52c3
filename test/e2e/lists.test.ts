/**
 * The Findings and Resources lists in Chromium against `vpclens serve` with the demo: their counts
 * against the API, filtering and sorting, and where a clicked row leads (the diagram that draws the
 * resource, centred and selected; else the resource's panel).
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FindingsReport, ResourceList, VersionSummary } from '../../shared/index.ts'
import { openDemo, RESULTS, selectedIds, type DemoSession } from './support/demoSession.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'

let s: DemoSession
const base = () => `${s.server.url}/?env=demo&version=2`
const param = (k: string) => new URL(s.page.url()).searchParams.get(k)

beforeAll(async () => { s = await openDemo('lists') })
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await s.page.screenshot({ path: join(RESULTS, `lists-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  expect(s.browser.dialogs).toEqual([])
})
afterAll(async () => { await s?.close() })

/** Is the element drawn near the middle of the diagram? */
const centred = (id: string) => s.page.evaluate((x) => {
  const cy = window.__vpclens!.cy
  const p = cy.$id(x).renderedPosition()
  return Math.abs(p.x - cy.width() / 2) < 5 && Math.abs(p.y - cy.height() / 2) < 5
}, id)

describe('Findings list', () => {
  it('lists the findings by severity, and a click selects the finding\'s resource in the diagram', async () => {
    const report = await s.api<FindingsReport>('/api/environments/demo/versions/2/findings')
    await s.page.goto(`${base()}&view=findings`)
    const rows = s.page.getByTestId('finding-row')
    // The page's first requests (graph, findings) share one busy server: wait for the list, then count.
    await rows.first().waitFor({ timeout: 30_000 })
    await expect.poll(() => rows.count()).toBe(report.findings.length)
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual(report.findings.map((f) => f.id))
    expect(await s.page.getByTestId('severity-critical').textContent()).toContain(String(report.counts.critical))
    await readmeScreenshot(s.page, 'findings.png')

    // Only the critical ones.
    await s.page.getByTestId('severity-critical').click()
    await expect.poll(() => rows.count()).toBe(report.counts.critical)
    await s.page.getByTestId('severity-critical').click()

    const finding = report.findings.find((f) => f.severity === 'critical')!
    const target = finding.resourceIds[0]
    await s.page.locator(`[data-testid="finding-row"][data-id="${finding.id}"]`).click()
    await expect.poll(() => param('view')).toBe('infrastructure')
    expect(param('select')).toBe(target)
    await s.page.waitForFunction((id) => window.__vpclens?.cy.$id(id).selected() === true, target)
    expect(await selectedIds(s.page)).toEqual([target])
    await expect.poll(() => centred(target)).toBe(true)
    // An exposure finding turns the overlay on: the panel explains it.
    await s.page.getByTestId('exposure-trace').waitFor()
    expect(await s.page.getByTestId('exposure-trace').getAttribute('data-exposed')).toBe('true')
  })
})

describe('Resource list', () => {
  it('lists every resource of the version, as many as the API counts', async () => {
    const versions = (await s.api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
    const total = Object.values(versions.find((v) => v.id === '2')!.counts).reduce((a, b) => a + b, 0)
    const list = await s.api<ResourceList>('/api/environments/demo/versions/2/resources')
    expect(list.resources).toHaveLength(total)
    await s.page.goto(`${base()}&view=resources`)
    const rows = s.page.getByTestId('resource-row')
    await expect.poll(() => rows.count()).toBe(total)
    expect(await s.page.getByTestId('resource-count').getAttribute('data-total')).toBe(String(total))
    expect(await s.page.getByTestId('resource-count').textContent()).toBe(`${total} resources`)
    // Kinds the diagram does not draw are listed too.
    const kinds = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')!.textContent ?? '')))
    for (const k of ['security-group', 'route-table', 'network-acl', 'prefix-list', 'listener', 'target-group', 'elastic-ip']) {
      expect([...kinds].some((t) => t.includes(k)), k).toBe(true)
    }
    await readmeScreenshot(s.page, 'resources.png')
  })

  it('filters and sorts', async () => {
    const list = await s.api<ResourceList>('/api/environments/demo/versions/2/resources')
    const rows = s.page.getByTestId('resource-row')
    await s.page.getByTestId('resource-filter').fill('kind:security-group')
    await expect.poll(() => rows.count()).toBe(list.resources.filter((r) => r.kind === 'security-group').length)
    await s.page.getByTestId('resource-filter').fill('')
    await s.page.getByTestId('resource-kind').selectOption('subnet')
    await expect.poll(() => rows.count()).toBe(list.resources.filter((r) => r.kind === 'subnet').length)
    await s.page.getByTestId('sort-id').click()
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!))
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })))
    await s.page.getByTestId('sort-id').click()
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!))).toEqual([...ids].reverse())
    await s.page.getByTestId('resource-kind').selectOption('')
  })

  it('a drawn resource opens in the diagram, centred; another kind shows its panel', async () => {
    const list = await s.api<ResourceList>('/api/environments/demo/versions/2/resources')
    const instance = list.resources.find((r) => r.kind === 'instance')!
    await s.page.locator(`[data-testid="resource-row"][data-id="${instance.id}"]`).click()
    await expect.poll(() => param('view')).toBe('infrastructure')
    await s.page.waitForFunction((id) => window.__vpclens?.cy.$id(id).selected() === true, instance.id)
    expect(await selectedIds(s.page)).toEqual([instance.id])
    await expect.poll(() => centred(instance.id)).toBe(true)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(instance.id)

    await s.page.getByTestId('tab-resources').click()
    const table = list.resources.find((r) => r.kind === 'route-table')!
    await s.page.locator(`[data-testid="resource-row"][data-id="${table.id}"]`).click()
    expect(param('view')).toBe('resources')
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(table.id)
    await s.page.getByTestId('resource-details').waitFor()
    expect(await s.page.getByTestId('resource-facts').textContent()).toContain('route-table')

    // A security group opens in the Security view.
    const group = list.resources.find((r) => r.kind === 'security-group')!
    await s.page.locator(`[data-testid="resource-row"][data-id="${group.id}"]`).click()
    await expect.poll(() => param('view')).toBe('security')
    await s.page.waitForFunction((id) => window.__vpclens?.cy.$id(id).selected() === true, group.id)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(group.id)
  })
})
