/**
 * The Security view in Chromium against `vpclens serve` holding the demo: what it draws is what
 * GET …/security-graph says, the interfaces toggle, and a clicked group's panel (members with their
 * addresses, inbound and outbound rules, NACLs).
 */
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { SecurityGraph } from '../../shared/index.ts'
import { openDemo, RESULTS, selectedIds, tap, type DemoSession } from './support/demoSession.ts'
import { readmeScreenshot } from './support/readmeScreenshot.ts'

let s: DemoSession
const VERSION = '2'
const graphOf = (members: boolean) => s.api<SecurityGraph>(`/api/environments/demo/versions/${VERSION}/security-graph${members ? '?members=true' : ''}`)

/** What Cytoscape shows once the view has the graph for `members`. */
async function shown(members: boolean) {
  await s.page.locator(`[data-testid="security-workspace"][data-ready="demo|${VERSION}|${members}"]`).waitFor({ timeout: 30_000 })
  await s.page.waitForFunction(() => (window.__vpclens?.cy.nodes('.sg-node').length ?? 0) > 0)
  return s.page.evaluate(() => {
    const cy = window.__vpclens!.cy
    const kinds: Record<string, number> = {}
    cy.nodes().forEach((n) => { kinds[n.data('kind')] = (kinds[n.data('kind')] ?? 0) + 1 })
    return { nodes: cy.nodes().length, edges: cy.edges().length, kinds, edgeIds: cy.edges().map((e) => e.id()).sort() }
  })
}
const kindsOf = (g: SecurityGraph) => {
  const kinds: Record<string, number> = {}
  for (const n of g.nodes) kinds[n.kind] = (kinds[n.kind] ?? 0) + 1
  return kinds
}

beforeAll(async () => { s = await openDemo('security') })
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await s.page.screenshot({ path: join(RESULTS, `security-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  expect(s.browser.dialogs).toEqual([])
})
afterAll(async () => { await s?.close() })

describe('Security view', () => {
  it('draws every group, source and bundled ingress edge the API returns', async () => {
    await s.page.goto(`${s.server.url}/?env=demo&version=${VERSION}&view=security`)
    const view = await shown(false)
    const graph = await graphOf(false)
    expect(view.nodes).toBe(graph.nodes.length)
    expect(view.edges).toBe(graph.edges.length)
    expect(view.kinds).toEqual(kindsOf(graph))
    expect(view.edgeIds).toEqual(graph.edges.map((e) => e.id).sort())
    expect(view.kinds['security-group']).toBeGreaterThan(10)
    expect(view.kinds.internet).toBe(1)
    // The bastion's SSH from the world (version 2's story) is an edge from the internet, labelled.
    const bastion = graph.nodes.find((n) => n.label === 'prod-bastion-sg')!
    const label = await s.page.evaluate((id) => window.__vpclens!.cy.$id(`ingress:internet|${id}`).data('edgeLabel'), bastion.id)
    expect(label).toBe('tcp/22')
    expect(await s.page.getByTestId('tab-security').getAttribute('aria-selected')).toBe('true')
    await readmeScreenshot(s.page, 'security.png')
  })

  it('adds the interfaces carrying each group on demand', async () => {
    await s.page.getByTestId('toggle-members').check()
    const view = await shown(true)
    const graph = await graphOf(true)
    expect(view.nodes).toBe(graph.nodes.length)
    expect(view.edges).toBe(graph.edges.length)
    expect(view.kinds['network-interface']).toBe(kindsOf(graph)['network-interface'])
    expect(view.kinds['network-interface']).toBeGreaterThan(10)
    await s.page.screenshot({ path: join(RESULTS, 'security-members.png') })
    await s.page.getByTestId('toggle-members').uncheck()
    await shown(false)
  })

  it('shows a clicked group: members with their addresses, inbound and outbound rules, NACLs', async () => {
    const graph = await graphOf(false)
    const group = graph.groups.find((g) => g.name === 'prod-bastion-sg')!
    await tap(s.page, group.id)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(group.id)
    expect(await selectedIds(s.page)).toEqual([group.id])
    expect(new URL(s.page.url()).searchParams.get('select')).toBe(group.id)

    const members = await s.page.getByTestId('group-members').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
    expect(members).toHaveLength(group.members.length)
    for (const [i, m] of group.members.entries()) {
      for (const ip of [...m.privateIps, ...m.publicIps]) expect(members[i]).toContain(ip)
    }
    const ruleIds = (testId: string) => s.page.getByTestId(testId).locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule-id')))
    expect(await ruleIds('ingress-rules')).toEqual(group.ingress.map((r) => r.id))
    expect(await ruleIds('egress-rules')).toEqual(group.egress.map((r) => r.id))
    const ingressText = await s.page.getByTestId('ingress-rules').textContent()
    expect(ingressText).toContain('0.0.0.0/0')
    expect(ingressText).toContain('temporary: vendor support session')
    const nacls = await s.page.getByTestId('nacl-table').evaluateAll((els) => els.map((e) => e.getAttribute('data-nacl-id')))
    expect(nacls).toEqual(group.naclIds)
    expect(nacls.length).toBeGreaterThan(0)

    // An edge shows the rules it bundles.
    const edge = graph.edges.find((e) => e.ruleIds.length > 1)!
    await tap(s.page, edge.id)
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(edge.id)
    expect(await ruleIds('ingress-rules')).toEqual(expect.arrayContaining(edge.ruleIds))
  })

  it('keeps the view and the selection across a reload', async () => {
    const graph = await graphOf(false)
    const group = graph.groups.find((g) => g.name === 'prod-db-sg')!
    await tap(s.page, group.id)
    await expect.poll(() => new URL(s.page.url()).searchParams.get('select')).toBe(group.id)
    await s.page.reload()
    await shown(false)
    expect(new URL(s.page.url()).searchParams.get('view')).toBe('security')
    await expect.poll(() => s.page.getByTestId('side-panel-id').textContent()).toBe(group.id)
    expect(await selectedIds(s.page)).toEqual([group.id])
  })
})
