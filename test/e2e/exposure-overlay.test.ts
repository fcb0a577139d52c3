/**
 * The exposure overlay on the Infrastructure view, in Chromium against `vpclens serve` with the demo.
 * Version 2 of the demo opens the bastion's SSH to the world: the overlay, the port filter and the
 * trace must agree with GET …/exposure.
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ExposureReport, Graph } from '../../shared/index.ts'
import { openDemo, RESULTS, selectedIds, tap, type DemoSession } from './support/demoSession.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'

let s: DemoSession
let report: ExposureReport

/** Interfaces the API says the internet reaches on TCP/UDP `port`, computed here from the report itself. */
const enisOpenOn = (port: number) => [...new Set(report.exposures
  .filter((e) => ['tcp', 'udp', 'all'].includes(e.protocol) && e.ports[0] <= port && port <= e.ports[1])
  .map((e) => e.eni))].sort()

const eniClasses = () => s.page.evaluate(() => {
  const cy = window.__vpclens!.cy
  const ids = (sel: string) => cy.nodes(`[kind = "network-interface"]${sel}`).map((n) => n.id()).sort()
  const lit = cy.nodes('[kind = "network-interface"]').filter((n) => !n.hasClass('dimmed')).map((n) => n.id()).sort()
  return { exposed: ids('.exposed'), critical: ids('.sev-critical'), dimmed: ids('.dimmed'), lit }
})

beforeAll(async () => {
  s = await openDemo('exposure')
  report = await s.api<ExposureReport>('/api/environments/demo/versions/2/exposure')
})
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await s.page.screenshot({ path: join(RESULTS, `exposure-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  expect(s.browser.dialogs).toEqual([])
})
afterAll(async () => { await s?.close() })

describe('exposure overlay', () => {
  it('highlights exactly the interfaces the API says are exposed, by severity', async () => {
    await s.page.goto(`${s.server.url}/?env=demo&version=2`)
    await s.page.locator('[data-testid="workspace"][data-version="2"]').waitFor({ timeout: 30_000 })
    expect((await eniClasses()).exposed).toEqual([])
    await s.page.getByTestId('toggle-exposure').check()
    await s.page.waitForFunction(() => window.__vpclens!.cy.nodes('.exposed').length > 0)
    const shown = await eniClasses()
    expect(shown.exposed).toEqual([...new Set(report.exposures.map((e) => e.eni))].sort())
    expect(shown.critical).toEqual([...new Set(report.exposures.filter((e) => e.severity === 'critical').map((e) => e.eni))].sort())
    expect(shown.critical.length).toBeGreaterThan(0)
    expect(shown.dimmed).toEqual([])
    // Not colour alone: the label leads with the severity word and the port.
    const label = await s.page.evaluate((id) => window.__vpclens!.cy.$id(id).data('label'), shown.critical[0])
    expect(label.startsWith('CRIT tcp/22')).toBe(true)
    expect(await s.page.getByTestId('exposure-legend').textContent()).toContain('CRIT')
  })

  it('the port filter on 22 leaves exactly the interfaces exposed on 22 undimmed', async () => {
    const want = enisOpenOn(22)
    expect(want.length).toBeGreaterThan(0)
    await s.page.getByTestId('port-filter').fill('22')
    await s.page.waitForFunction(() => window.__vpclens!.cy.nodes('.dimmed').length > 0)
    const shown = await eniClasses()
    expect(shown.lit).toEqual(want)
    const graph = await s.api<Graph>('/api/environments/demo/versions/2/graph')
    const enis = graph.nodes.filter((n) => n.kind === 'network-interface').map((n) => n.id)
    expect(shown.dimmed).toEqual(enis.filter((id) => !want.includes(id)).sort())
    // Another port, another set; clearing the filter dims nothing.
    await s.page.getByTestId('port-filter').fill('443')
    await expect.poll(async () => (await eniClasses()).lit).toEqual(enisOpenOn(443))
    await s.page.getByTestId('port-filter').fill('')
    await expect.poll(async () => (await eniClasses()).dimmed).toEqual([])
  })

  it('shows the explanation trace of a selected exposed interface, step by step', async () => {
    const exposure = report.exposures.find((e) => e.severity === 'critical' && e.via === 'direct')!
    await tap(s.page, exposure.eni)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(exposure.eni)
    expect(await selectedIds(s.page)).toEqual([exposure.eni])
    const trace = s.page.getByTestId('exposure-trace')
    await trace.waitFor()
    expect(await trace.getAttribute('data-exposed')).toBe('true')
    const item = s.page.locator(`[data-testid="exposure-item"][data-exposure-id="${exposure.id}"]`)
    const steps = await item.getByTestId('trace-step').evaluateAll((lis) => lis.map((li) => ({ check: li.getAttribute('data-check'), text: li.textContent ?? '' })))
    expect(steps.map((x) => x.check)).toEqual(exposure.trace.map((t) => t.check))
    // Route, NACL rule numbers and the security group rule id, as the API names them.
    for (const [i, t] of exposure.trace.entries()) {
      expect(steps[i].text).toContain(t.summary)
      const ref = t.ruleRef
      if (ref?.kind === 'sg-rule') expect(steps[i].text).toContain(ref.securityGroupRuleId)
      if (ref?.kind === 'nacl-entry') expect(steps[i].text).toContain(`rule ${ref.ruleNumber}`)
      if (ref?.kind === 'route') expect(steps[i].text).toContain(ref.routeTableId)
    }
    expect(steps.some((x) => x.check === 'sg')).toBe(true)
    expect(steps.some((x) => x.check === 'nacl-in')).toBe(true)
    await readmeScreenshot(s.page, 'exposure.png')
  })

  it('names the blocking layer for an open security group that is not exposed', async () => {
    const exposedEnis = new Set(report.exposures.map((e) => e.eni))
    const blocked = report.blocked.find((b) => !exposedEnis.has(b.eni))!
    expect(blocked).toBeDefined()
    await tap(s.page, blocked.eni)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(blocked.eni)
    const trace = s.page.getByTestId('exposure-trace')
    await expect.poll(() => trace.getAttribute('data-exposed')).toBe('false')
    const text = await s.page.getByTestId('blocked-item').first().textContent()
    expect(text).toContain(blocked.blockedBy.summary)
    expect(text).toContain(blocked.securityGroupRuleIds[0])
  })

  it('a link with overlay=exposure&port=22 reproduces the dimmed view after reload; toggling off drops overlay from the URL', async () => {
    await s.page.goto(`${s.server.url}/?env=demo&version=2&view=infrastructure&overlay=exposure&port=22`)
    await s.page.locator('[data-testid="workspace"][data-version="2"]').waitFor({ timeout: 30_000 })
    await s.page.waitForFunction(() => window.__vpclens!.cy.nodes('.dimmed').length > 0)
    expect(await s.page.getByTestId('toggle-exposure').isChecked()).toBe(true)
    expect(await s.page.getByTestId('port-filter').inputValue()).toBe('22')
    // The same interfaces undimmed as when the filter is typed by hand (the port filter test).
    expect((await eniClasses()).lit).toEqual(enisOpenOn(22))
    await s.page.getByTestId('toggle-exposure').uncheck()
    await expect.poll(() => s.page.evaluate(() => new URLSearchParams(window.location.search).get('overlay'))).toBeNull()
    expect(await s.page.evaluate(() => new URLSearchParams(window.location.search).get('port'))).toBe('22')
    // Clearing the port drops it too, and then nothing is dimmed.
    await s.page.getByTestId('port-filter').fill('')
    await expect.poll(() => s.page.evaluate(() => new URLSearchParams(window.location.search).get('port'))).toBeNull()
    await expect.poll(async () => (await eniClasses()).dimmed).toEqual([])
  })
})
