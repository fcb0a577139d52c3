/**
 * Names, tags and descriptions come from AWS accounts and are untrusted. An environment whose names
 * and tags are markup must show that markup as text: in the diagram's labels (drawn on a canvas) and
 * in the side panel (text nodes), and never run it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Inventory, Tag } from '../../shared/index.ts'
import { generateEnvironment } from '../../server/demo/generateEnvironment.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'

const IMG = '<img src=x onerror=alert(1)>'
const SCRIPT = '"><script>alert(2)</script>'

let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let ids: { vpc: string; subnet: string; instance: string; group: string; rule: string }

/**
 * The demo account, with hostile Name tags and tag values on a VPC, a subnet and an instance, and a
 * security group whose name and one rule's description are markup.
 */
async function storeHostileEnvironment(dir: string) {
  const region = generateEnvironment({ seed: 7 })
  const hostile = (name: string): Tag[] => [{ Key: 'Name', Value: name }, { Key: 'owner', Value: SCRIPT }, { Key: IMG, Value: IMG }]
  const vpc = region.ec2.Vpcs[0]
  vpc.Tags = hostile(SCRIPT)
  const subnet = region.ec2.Subnets.find((s) => s.VpcId === vpc.VpcId)!
  subnet.Tags = hostile(IMG)
  const instance = region.ec2.Reservations.flatMap((r) => r.Instances ?? []).find((i) => i.SubnetId === subnet.SubnetId)
    ?? region.ec2.Reservations[0].Instances![0]
  instance.Tags = hostile(IMG)
  const group = region.ec2.SecurityGroups.find((g) => g.VpcId === vpc.VpcId && g.GroupName !== 'default' && (g.IpPermissions ?? []).length > 0)!
  group.GroupName = SCRIPT
  group.Tags = hostile(SCRIPT)
  const rule = region.ec2.SecurityGroupRules.find((r) => r.GroupId === group.GroupId && !r.IsEgress)!
  rule.Description = IMG
  const inventory: Inventory = { schemaVersion: 1, source: 'import', collectedAt: '2026-01-01T00:00:00.000Z', regions: [region], warnings: [] }
  const store = openSqliteStore(dir)
  try {
    await store.put('hostile', normalize(inventory), { source: 'import', at: inventory.collectedAt })
  } finally {
    await store.close()
  }
  return { vpc: vpc.VpcId!, subnet: subnet.SubnetId!, instance: instance.InstanceId!, group: group.GroupId, rule: rule.SecurityGroupRuleId }
}

beforeAll(async () => {
  await buildWeb()
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-xss-'))
  ids = await storeHostileEnvironment(dataDir)
  server = await startServer(dataDir)
  browser = await launchBrowser()
  page = browser.page
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function openPanel(id: string) {
  await page.evaluate((nodeId) => { window.__vpclens!.cy.$id(nodeId).emit('tap') }, id)
  await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(id)
  await page.getByTestId('resource-details').waitFor()
}

/** Markup that would exist had any payload been parsed as HTML. */
const injected = () => page.evaluate(() => ({
  imgs: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.scripts].filter((s) => s.textContent?.includes('alert')).length,
}))

describe('untrusted names and tags', () => {
  it('draws hostile names as text in the diagram labels', async () => {
    await page.goto(`${server.url}/?env=hostile`)
    await page.locator('[data-testid="workspace"][data-version="1"]').waitFor({ timeout: 30_000 })
    const labels = await page.evaluate((want) => {
      const cy = window.__vpclens!.cy
      return Object.fromEntries(Object.entries(want).map(([k, id]) => [k, { name: cy.$id(id).data('name'), label: cy.$id(id).data('label') }]))
    }, ids)
    expect(labels.vpc.name).toBe(SCRIPT)
    expect(labels.vpc.label.startsWith(SCRIPT)).toBe(true)
    expect(labels.subnet.name).toBe(IMG)
    expect(labels.subnet.label.startsWith('<img src=x')).toBe(true)
    expect(labels.instance.name).toBe(IMG)
    expect(labels.instance.label).toContain('<img src=x')
    expect(await injected()).toEqual({ imgs: 0, scripts: 0 })
  })

  it('shows them as typed in the side panel: title, tags and raw JSON', async () => {
    for (const [id, name] of [[ids.instance, IMG], [ids.subnet, IMG], [ids.vpc, SCRIPT]] as const) {
      await openPanel(id)
      await page.waitForTimeout(200) // give any injected markup the time to load and run
      expect(browser.dialogs).toEqual([])
      expect(await injected()).toEqual({ imgs: 0, scripts: 0 })
      expect(await page.getByTestId('side-panel-title').textContent()).toBe(name)
      const tags = await page.getByTestId('resource-tags').locator('tr').evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]))
      expect(tags).toEqual(expect.arrayContaining([['Name', name], ['owner', SCRIPT], [IMG, IMG]]))
      expect(await page.getByTestId('resource-facts').textContent()).toContain(name)
      await page.locator('.raw summary').click()
      expect(await page.getByTestId('resource-raw').textContent()).toContain(JSON.stringify(SCRIPT).slice(1, -1))
      expect(await injected()).toEqual({ imgs: 0, scripts: 0 })
    }
    mkdirSync(join(REPO, 'test-results'), { recursive: true })
    await page.screenshot({ path: join(REPO, 'test-results', 'untrusted-text.png') })
  })

  it('shows a hostile group name and rule description as text in the Security view', async () => {
    await page.goto(`${server.url}/?env=hostile&view=security`)
    await page.waitForFunction((id) => window.__vpclens?.cy.$id(id).nonempty() === true, ids.group, { timeout: 30_000 })
    expect(await page.evaluate((id) => window.__vpclens!.cy.$id(id).data('name'), ids.group)).toBe(SCRIPT)
    await page.evaluate((id) => { window.__vpclens!.cy.$id(id).emit('tap') }, ids.group)
    await expect.poll(() => page.getByTestId('side-panel-id').textContent()).toBe(ids.group)
    expect(await page.getByTestId('side-panel-title').textContent()).toBe(SCRIPT)
    const description = page.locator(`[data-testid="ingress-rules"] tr[data-rule-id="${ids.rule}"] td.description`)
    expect(await description.textContent()).toBe(IMG)
    await page.waitForTimeout(200)
    expect(browser.dialogs).toEqual([])
    expect(await injected()).toEqual({ imgs: 0, scripts: 0 })
  })

  it('shows hostile names as text in the resource list', async () => {
    await page.goto(`${server.url}/?env=hostile&view=resources`)
    const row = page.locator(`[data-testid="resource-row"][data-id="${ids.vpc}"]`)
    await row.waitFor({ timeout: 30_000 })
    expect(await row.locator('td').nth(1).textContent()).toBe(SCRIPT)
    expect(await page.locator(`[data-testid="resource-row"][data-id="${ids.group}"] td`).nth(1).textContent()).toBe(SCRIPT)
    await page.getByTestId('resource-filter').fill(IMG)
    await expect.poll(() => page.getByTestId('resource-row').count()).toBeGreaterThan(0)
    expect(await injected()).toEqual({ imgs: 0, scripts: 0 })
  })

  it('never opened a dialog', async () => {
    await page.waitForTimeout(1000)
    expect(browser.dialogs).toEqual([])
  })
})
