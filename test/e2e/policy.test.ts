/**
 * Intended exposure as code in the web app, in Chromium against `vpclens serve --policy` with the demo
 * (test/fixtures/policies/demo-web.policy.yaml, version 5): accepted findings carry their acceptance
 * and can be hidden, scope violations are listed with their traces, an undecidable scope reads as
 * unknown, expired and stale acceptances are listed, and the exposure overlay mutes what is accepted.
 * Every expectation is read from the API of the same server. Without --policy, none of it appears.
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { EnvironmentList, ExposureReport, ExposureSummary, FindingsReport, PolicyReport } from '../../shared/index.ts'
import { openDemo, RESULTS, tap, type DemoSession } from './support/demoSession.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'
import { REPO } from './support/startServer.ts'

const POLICY = join(REPO, 'test', 'fixtures', 'policies', 'demo-web.policy.yaml')
const V = '5'
const api = (path: string) => `/api/environments/demo/versions/${V}/${path}`

let s: DemoSession
let plain: DemoSession
let findings: FindingsReport
let policy: PolicyReport

const rows = (session: DemoSession) => session.page.getByTestId('finding-row')
const rowIds = (session: DemoSession, selector = '[data-testid="finding-row"]') =>
  session.page.locator(selector).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))
const param = (session: DemoSession, k: string) => new URL(session.page.url()).searchParams.get(k)

/** The overlay's view of the interfaces and instances: exposed, accepted (muted), with their labels. */
const overlayState = (session: DemoSession) => session.page.evaluate(() => {
  const cy = window.__vpclens!.cy
  const ids = (sel: string) => cy.nodes(sel).map((n) => n.id()).sort()
  return {
    exposed: ids('.exposed'),
    accepted: ids('.accepted'),
    acceptedData: ids('[accepted = "all"]'),
    someAccepted: ids('[accepted = "some"]'),
    labels: Object.fromEntries(cy.nodes('.exposed').map((n) => [n.id(), String(n.data('label'))])),
  }
})

beforeAll(async () => {
  s = await openDemo('policy', ['--policy', POLICY])
  findings = await s.api<FindingsReport>(api('findings'))
  policy = await s.api<PolicyReport>(api('policy'))
})
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await s.page.screenshot({ path: join(RESULTS, `policy-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  expect(s.browser.dialogs).toEqual([])
})
afterAll(async () => {
  await s?.close()
  await plain?.close()
})

describe('serve --policy: Findings', () => {
  it('marks the accepted findings with the badge, the reason as text, owner, expiry and policy line', async () => {
    const accepted = findings.findings.filter((f) => f.accepted)
    // The fixture accepts exactly one real finding: SSH to staging-web-1.
    expect(accepted.map((f) => [f.check, f.resourceIds[1], f.accepted!.line])).toEqual([['ADMIN_PORT_EXPOSED', 'i-0270f5d33fd1993bd', 7]])
    await s.page.goto(`${s.server.url}/?env=demo&version=${V}&view=findings`)
    await rows(s).first().waitFor({ timeout: 30_000 })
    await expect.poll(() => rows(s).count()).toBe(findings.findings.length)
    expect(await rowIds(s, '[data-testid="finding-row"][data-accepted="true"]')).toEqual(accepted.map((f) => f.id))
    const row = s.page.locator(`[data-testid="finding-row"][data-id="${accepted[0].id}"]`)
    expect(await row.getByTestId('accepted-badge').textContent()).toBe('Accepted')
    // The policy's text is text: the markup in the reason is shown, not made into an element.
    expect(await row.getByTestId('acceptance-reason').textContent()).toBe('SSH to staging-web-1 from the office only, <b>SEC-412</b>')
    expect(await row.locator('b').count()).toBe(0)
    expect(await row.getByTestId('acceptance-note').textContent()).toContain('platform, until 2099-12-31 · demo-web.policy.yaml:7')
    expect(await s.page.getByTestId('finding-count').textContent()).toBe(`${findings.findings.length} findings · 1 accepted`)
  })

  it('"Hide accepted" hides exactly the accepted rows, says so, and keeps it in the address', async () => {
    const want = findings.findings.filter((f) => !f.accepted).map((f) => f.id)
    await s.page.getByTestId('toggle-hide-accepted').check()
    await expect.poll(() => rows(s).count()).toBe(want.length)
    expect(await rowIds(s)).toEqual(want)
    expect(await s.page.getByTestId('finding-count').textContent()).toBe(`${want.length} of ${findings.findings.length} findings · 1 accepted (hidden)`)
    expect(param(s, 'accepted')).toBe('hide')
    await s.page.reload()
    await rows(s).first().waitFor({ timeout: 30_000 })
    await expect.poll(() => rows(s).count()).toBe(want.length)
    expect(await s.page.getByTestId('toggle-hide-accepted').isChecked()).toBe(true)
    await s.page.getByTestId('toggle-hide-accepted').uncheck()
    await expect.poll(() => rows(s).count()).toBe(findings.findings.length)
    expect(param(s, 'accepted')).toBeNull()
  })

  it('lists the scope violations; expanding one shows its trace, naming the rule that decided each step', async () => {
    const scope = policy.scopes.find((x) => x.id === 'ssh-from-office')!
    expect(scope.status).toBe('violated')
    const all = policy.scopes.flatMap((x) => x.violations)
    const items = s.page.getByTestId('scope-violation')
    await expect.poll(() => items.count()).toBe(all.length)
    expect(await items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-scope'), e.getAttribute('data-id')])))
      .toEqual(policy.scopes.flatMap((x) => x.violations.map((v) => [x.id, v.id])))
    const v = scope.violations[0]
    const item = s.page.locator(`[data-testid="scope-violation"][data-id="${v.id}"]`)
    const summary = await item.locator('summary').textContent()
    expect(summary).toContain('CRIT')
    expect(summary).toContain('SCOPE_VIOLATION')
    expect(summary).toContain(v.title)
    // The expired acceptance no longer covers it.
    expect(v.accepted).toBeUndefined()
    expect(await item.getAttribute('data-accepted')).toBeNull()
    expect(await item.getByTestId('trace-steps').isVisible()).toBe(false)
    await item.locator('summary').click()
    await item.getByTestId('trace-steps').waitFor()
    const steps = await item.getByTestId('trace-step').evaluateAll((lis) => lis.map((li) => ({ check: li.getAttribute('data-check'), text: li.textContent ?? '' })))
    expect(steps.map((x) => x.check)).toEqual(v.trace.map((t) => t.check))
    const sg = v.trace.find((t) => t.check === 'sg')
    expect(sg?.ruleRef?.kind).toBe('sg-rule')
    for (const [i, t] of v.trace.entries()) {
      expect(steps[i].text).toContain(t.summary)
      if (t.ruleRef?.kind === 'sg-rule') expect(steps[i].text).toContain(t.ruleRef.securityGroupRuleId)
      if (t.ruleRef?.kind === 'nacl-entry') expect(steps[i].text).toContain(`rule ${t.ruleRef.ruleNumber}`)
      if (t.ruleRef?.kind === 'route') expect(steps[i].text).toContain(t.ruleRef.routeTableId)
    }
  })

  it('shows an undecidable scope as unknown with the reason, never as holding; lists expired and stale acceptances', async () => {
    const unknown = policy.scopes.find((x) => x.id === 'rdp-from-vendor')!
    expect(unknown.status).toBe('unknown')
    const box = s.page.locator('[data-testid="scope-unknown"][data-scope="rdp-from-vendor"]')
    const text = await box.textContent()
    expect(text).toContain('UNKNOWN')
    expect(text).toContain(unknown.unknown[0])
    const holding = await s.page.getByTestId('scopes-holding').textContent()
    expect(holding).toContain('db-not-internet')
    expect(holding).not.toContain('rdp-from-vendor')
    expect(await s.page.getByTestId('policy-summary').textContent()).toContain('scopes: 1 violated, 1 unknown, 1 hold')

    const expired = policy.acceptances.find((a) => a.status === 'expired')!
    const stale = policy.acceptances.find((a) => a.status === 'stale')!
    const e = await s.page.locator(`[data-testid="acceptance-expired"][data-line="${expired.line}"]`).textContent()
    expect(e).toContain('EXPIRED')
    expect(e).toContain('expired after 2020-01-31')
    expect(e).toContain(`${expired.matched.length} item(s) no longer accepted`)
    expect(e).toContain('vendor support session on the bastion')
    const st = await s.page.locator(`[data-testid="acceptance-stale"][data-line="${stale.line}"]`).textContent()
    expect(st).toContain('STALE')
    expect(st).toContain('check=UNUSED_SECURITY_GROUP tag=team=web')
    await readmeScreenshot(s.page, 'policy.png')
  })
})

describe('serve --policy: the exposure overlay', () => {
  it('marks exactly the elements whose every exposure is accepted, with the legend entry, and hides them on request', async () => {
    const summary = await s.api<ExposureSummary>(api('exposure/summary'))
    const byEni = new Map<string, typeof summary.exposures>()
    for (const e of summary.exposures) byEni.set(e.eni, [...(byEni.get(e.eni) ?? []), e])
    const fullyAccepted = [...byEni].filter(([, es]) => es.every((e) => e.accepted)).map(([eni]) => eni)
    // The fixture accepts all of staging-web-1's exposure (22, 80, 443); the bastion's SSH acceptance has expired.
    expect(fullyAccepted).toEqual(['eni-0d173cf0e4f802354'])
    expect(byEni.get('eni-02c8c72caad4c9b91')!.some((e) => e.accepted)).toBe(false)

    await s.page.goto(`${s.server.url}/?env=demo&version=${V}&view=infrastructure&overlay=exposure`)
    await s.page.locator(`[data-testid="workspace"][data-version="${V}"]`).waitFor({ timeout: 30_000 })
    await s.page.waitForFunction(() => window.__vpclens!.cy.nodes('.exposed').length > 0)
    const shown = await overlayState(s)
    expect(shown.accepted).toEqual(['eni-0d173cf0e4f802354', 'i-0270f5d33fd1993bd'])
    expect(shown.acceptedData).toEqual(shown.accepted)
    expect(shown.labels['eni-0d173cf0e4f802354'].startsWith('ACCEPTED tcp/')).toBe(true)
    expect(shown.exposed).toContain('eni-02c8c72caad4c9b91')
    expect(shown.accepted).not.toContain('eni-02c8c72caad4c9b91')
    expect(shown.labels['eni-02c8c72caad4c9b91'].startsWith('CRIT tcp/22')).toBe(true)
    expect(await s.page.getByTestId('legend-accepted').textContent()).toContain('accepted by policy')
    expect(await s.page.getByTestId('accepted-count').textContent()).toBe('1 accepted by policy')

    // The side panel's trace gives the acceptance of each accepted exposure.
    const report = await s.api<ExposureReport>(api('exposure'))
    const ssh = report.exposures.find((e) => e.eni === 'eni-0d173cf0e4f802354' && e.ports[0] === 22)!
    await tap(s.page, 'eni-0d173cf0e4f802354')
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe('eni-0d173cf0e4f802354')
    const item = s.page.locator(`[data-testid="exposure-item"][data-exposure-id="${ssh.id}"]`)
    await item.waitFor()
    expect(await item.getAttribute('data-accepted')).toBe('true')
    expect(await item.getByTestId('acceptance-reason').textContent()).toBe('SSH to staging-web-1 from the office only, <b>SEC-412</b>')
    expect(await s.page.getByTestId('exposure-trace').locator('h3').first().textContent()).toBe('Internet exposure (3, 3 accepted by the policy)')

    // Hide accepted: the accepted elements are drawn plain, the rest as before.
    await s.page.getByTestId('toggle-hide-accepted-overlay').check()
    await expect.poll(async () => (await overlayState(s)).accepted).toEqual([])
    const hidden = await overlayState(s)
    expect(hidden.exposed).not.toContain('eni-0d173cf0e4f802354')
    expect(hidden.exposed).toEqual(shown.exposed.filter((id) => !shown.accepted.includes(id)))
    expect(await s.page.getByTestId('accepted-count').textContent()).toBe('1 accepted hidden')
    expect(param(s, 'accepted')).toBe('hide')
    await s.page.getByTestId('toggle-hide-accepted-overlay').uncheck()
    await expect.poll(async () => (await overlayState(s)).accepted).toEqual(shown.accepted)
  })
})

describe('without --policy', () => {
  it('shows no acceptance, no policy panel, no "hide accepted", and the overlay marks nothing accepted', async () => {
    plain = await openDemo('policy-none')
    expect(await plain.api<EnvironmentList>('/api/environments')).not.toHaveProperty('policy')
    const res = await fetch(new URL(api('policy'), plain.server.url))
    expect(res.status).toBe(404)
    const report = await plain.api<FindingsReport>(api('findings'))
    // accepted=hide in the address has nothing to hide without a policy.
    await plain.page.goto(`${plain.server.url}/?env=demo&version=${V}&view=findings&accepted=hide`)
    await rows(plain).first().waitFor({ timeout: 30_000 })
    await expect.poll(() => rows(plain).count()).toBe(report.findings.length)
    expect(await plain.page.getByTestId('finding-count').textContent()).toBe(`${report.findings.length} findings`)
    expect(await plain.page.getByTestId('toggle-hide-accepted').count()).toBe(0)
    expect(await plain.page.getByTestId('policy-panel').count()).toBe(0)
    expect(await plain.page.getByTestId('accepted-badge').count()).toBe(0)
    expect(await plain.page.getByTestId('scope-violation').count()).toBe(0)

    await plain.page.goto(`${plain.server.url}/?env=demo&version=${V}&view=infrastructure&overlay=exposure`)
    await plain.page.locator(`[data-testid="workspace"][data-version="${V}"]`).waitFor({ timeout: 30_000 })
    await plain.page.waitForFunction(() => window.__vpclens!.cy.nodes('.exposed').length > 0)
    const shown = await overlayState(plain)
    expect(shown.exposed).toContain('eni-0d173cf0e4f802354')
    expect(shown.accepted).toEqual([])
    expect(shown.someAccepted).toEqual([])
    expect(await plain.page.getByTestId('legend-accepted').count()).toBe(0)
    expect(await plain.page.getByTestId('toggle-hide-accepted-overlay').count()).toBe(0)
    expect(plain.browser.dialogs).toEqual([])
  })
})
