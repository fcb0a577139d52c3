/**
 * The header's Refresh action end to end, nothing mocked: moto as AWS (seeded and changed with the
 * real SDK), `vpclens discover` for version 1, `vpclens serve` with discover options (real discovery on
 * POST /refresh, SQLite store), and the built web app in Chromium. A second `serve` on the same data
 * without discover options shows no Refresh button.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client,
} from '@aws-sdk/client-ec2'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { VersionSummary } from '../../shared/index.ts'
import { type RunningServe, runCli, startServe } from '../api/securityProcess.ts'
import { MOTO_CREDENTIALS, type Moto, startMoto } from '../integration/moto.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO } from './support/startServer.ts'

const RESULTS = join(REPO, 'test-results')
const REGION = 'us-east-1'
const awsEnv = { AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey, AWS_REGION: REGION }

let moto: Moto
let ec2: EC2Client
let dataDir: string
let live: RunningServe
let plain: RunningServe
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let vpc: string
let sg: string

const versionsOf = async (server: RunningServe) =>
  ((await (await fetch(`${server.url}/api/environments/moto/versions`)).json()) as { versions: VersionSummary[] }).versions.map((v) => v.id)

/** Waits until the page shows `version` in the diagram, the version picker and the address bar. */
async function showsVersion(version: string) {
  await page.locator(`[data-testid="workspace"][data-version="${version}"]`).waitFor({ timeout: 30_000 })
  expect(await page.getByTestId('version-picker').inputValue()).toBe(version)
  expect(new URL(page.url()).searchParams.get('version')).toBe(version)
}

/**
 * Records, from before the click, everything the refresh area showed: the progress text and element
 * and whether the button was disabled meanwhile. A run against moto can end between two polls, so
 * "the progress showed" is checked on this record rather than by catching it on screen.
 */
async function recordRefreshArea() {
  await page.evaluate(() => {
    const seen: { progress: string[]; progressElement: boolean; disabledWhileRunning: boolean } = { progress: [], progressElement: false, disabledWhileRunning: false }
    ;(window as unknown as { __refreshSeen: typeof seen }).__refreshSeen = seen
    const root = document.querySelector('[data-testid="refresh"]')!
    const look = () => {
      const p = root.querySelector('[data-testid="refresh-progress"]')
      if (!p) return
      const text = p.textContent ?? ''
      if (seen.progress.at(-1) !== text) seen.progress.push(text)
      if (p.querySelector('progress[aria-label="Discovery progress"]')) seen.progressElement = true
      if (root.querySelector('[data-testid="refresh-button"]')?.getAttribute('aria-disabled') === 'true') seen.disabledWhileRunning = true
    }
    new MutationObserver(look).observe(root, { subtree: true, childList: true, characterData: true, attributes: true })
  })
}
const noticeText = () => page.getByTestId('refresh-notice').textContent({ timeout: 500 }).catch(() => null)
const refreshSeen = () => page.evaluate(() => (window as unknown as { __refreshSeen: { progress: string[]; progressElement: boolean; disabledWhileRunning: boolean } }).__refreshSeen)

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  moto = await startMoto()
  ec2 = new EC2Client({ endpoint: moto.endpoint, region: REGION, credentials: MOTO_CREDENTIALS })
  vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }))).Vpc!.VpcId!
  await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.60.1.0/24', AvailabilityZone: `${REGION}a` }))
  sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'bastion', Description: 'bastion', VpcId: vpc }))).GroupId!

  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-e2e-refresh-'))
  const first = await runCli(['discover', '--endpoint', moto.endpoint, '--regions', REGION, '--data-dir', dataDir, '--env', 'moto', '--json'], awsEnv)
  expect(first.code, first.stderr).toBe(0)
  expect(JSON.parse(first.stdout)).toMatchObject({ version: '1', created: true })

  // One attempt per call: the last test stops moto, and the run must then fail without minutes of retries.
  live = await startServe(['--data-dir', dataDir, '--env', 'moto', '--endpoint', moto.endpoint, '--regions', REGION, '--max-attempts', '1', '--timeout', '5'], awsEnv)
  plain = await startServe(['--data-dir', dataDir])
  browser = await launchBrowser()
  page = browser.page
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `refresh-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await live?.stop()
  await plain?.stop()
  ec2?.destroy()
  await moto?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('Refresh', () => {
  it('runs discovery, shows its progress and opens the new version', async () => {
    await page.goto(`${live.url}/?env=moto`)
    await showsVersion('1')
    const button = page.getByTestId('refresh-button')
    await expect.poll(() => button.getAttribute('aria-disabled')).toBe('false')

    // Change the environment: a new subnet, and ssh open to the world.
    const added = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.60.2.0/24', AvailabilityZone: `${REGION}b` }))).Subnet!.SubnetId!
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }))
    expect(await page.evaluate((id) => window.__vpclens!.cy.$id(id).length, added)).toBe(0)

    await recordRefreshArea()
    // From the keyboard: Tab reaches the button (it has focus and a visible outline), Enter runs it.
    await page.getByTestId('version-picker').focus()
    await page.keyboard.press('Tab')
    expect(await button.evaluate((b) => document.activeElement === b && b.matches(':focus-visible') && getComputedStyle(b).outlineStyle !== 'none')).toBe(true)
    await page.keyboard.press('Enter')

    await expect.poll(noticeText, { timeout: 60_000, interval: 250 }).toBe('Version 2 recorded')
    await showsVersion('2')
    await page.waitForFunction((id) => window.__vpclens!.cy.$id(id).length === 1, added)
    const seen = await refreshSeen()
    expect(seen.progress[0]).toBe('starting discovery')
    expect(seen.progressElement).toBe(true)
    expect(seen.disabledWhileRunning).toBe(true)
    // Every later progress line is "done/total · step" from the server's own run.
    for (const line of seen.progress.slice(1)) expect(line).toMatch(/^\d+\/\d+ · \S/)
    expect(await button.getAttribute('aria-disabled')).toBe('false')
    expect(await page.getByTestId('refresh-progress').count()).toBe(0)
    expect(await page.getByTestId('version-picker').locator('option').allTextContents()).toHaveLength(2)
    expect(await versionsOf(live)).toEqual(['1', '2'])
  }, 120_000)

  it('says so when nothing changed, and stays on the latest version', async () => {
    await recordRefreshArea()
    await page.getByTestId('refresh-button').click()
    await expect.poll(noticeText, { timeout: 60_000, interval: 250 }).toBe('No changes since version 2')
    expect((await refreshSeen()).progress.length).toBeGreaterThan(0)
    await showsVersion('2')
    expect(await page.getByTestId('version-picker').locator('option').allTextContents()).toHaveLength(2)
    expect(await versionsOf(live)).toEqual(['1', '2'])
  }, 120_000)

  it('shows why a refresh failed, as text', async () => {
    await moto.stop()
    await page.getByTestId('refresh-button').click()
    const error = page.getByTestId('refresh-error')
    await error.waitFor({ timeout: 90_000 })
    expect(await error.textContent()).toMatch(/^Refresh failed: \S/)
    expect(await error.getAttribute('role')).toBe('alert')
    await showsVersion('2')
    expect(await versionsOf(live)).toEqual(['1', '2'])
  }, 120_000)

  it('is absent on a server started without discover options', async () => {
    const posts: string[] = []
    page.on('request', (r) => { if (r.method() === 'POST') posts.push(r.url()) })
    const probe = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/environments/moto/refresh')
    await page.goto(`${plain.url}/?env=moto`)
    expect((await probe).status()).toBe(409)
    await showsVersion('2')
    expect(await page.getByTestId('refresh').count()).toBe(0)
    expect(await page.getByTestId('refresh-button').count()).toBe(0)
    expect(posts).toEqual([])
    // The API says why: 409 naming the option, and nothing stored.
    const res = await fetch(`${plain.url}/api/environments/moto/refresh`, { method: 'POST' })
    expect(res.status).toBe(409)
    expect((await res.json()).message).toMatch(/without discover options/)
    expect(await versionsOf(plain)).toEqual(['1', '2'])
  }, 60_000)
})
