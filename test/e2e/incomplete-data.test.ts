/**
 * Incomplete data in the web app, in Chromium against `vpclens serve`: version 1 complete, version 2
 * imported without describe-route-tables.json (SSH open to the world on eni-1), and with an interface
 * whose subnet id is markup. The banner names the missing call per account/region, eni-1 is `unknown`
 * in the exposure overlay and its panel, the dangling id stays text, and the diff 1→2 says which
 * version lacks what and that the undecidable interfaces were not compared.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExposureReport } from '../../shared/index.ts'
import { ACCOUNT, eni, publicSshFiles, REGION, writeLayout } from '../fixtures/aws/writeImportLayout.ts'
import { buildWeb } from './support/buildWeb.ts'
import { RESULTS } from './support/demoSession.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, type RunningServer, startServer } from './support/startServer.ts'

const HOSTILE_SUBNET = 'subnet-<img src=x onerror="window.__pwned=1">'
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>

beforeAll(async () => {
  await buildWeb()
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-incomplete-e2e-'))
  const complete = publicSshFiles()
  writeLayout(join(dataDir, 'complete'), { [`${ACCOUNT}/${REGION}`]: complete })
  execFileSync(process.execPath, ['bin/vpclens.mjs', 'import', join(dataDir, 'complete'), '--data-dir', join(dataDir, 'db')], { cwd: REPO, stdio: 'pipe' })
  const files = publicSshFiles()
  delete files['describe-route-tables.json']
  files['describe-network-interfaces.json'] = { NetworkInterfaces: [eni('eni-1', 'i-1', '10.0.1.10', '54.1.2.3'), eni('eni-2', 'i-2', '10.0.1.11', '54.1.2.4', HOSTILE_SUBNET)] }
  writeLayout(join(dataDir, 'dump'), { [`${ACCOUNT}/${REGION}`]: files })
  execFileSync(process.execPath, ['bin/vpclens.mjs', 'import', join(dataDir, 'dump'), '--data-dir', join(dataDir, 'db')], { cwd: REPO, stdio: 'pipe' })
  server = await startServer(join(dataDir, 'db'))
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('incomplete data in the web app', () => {
  it('shows the banner naming the missing call, and eni-1 as unknown in the overlay and its panel', async () => {
    const { page } = browser
    try {
      const res = await fetch(new URL(`/api/environments/${ACCOUNT}/versions/2/exposure`, server.url))
      const report = (await res.json()) as ExposureReport
      expect(report.unknown.map((u) => u.resourceIds[0])).toEqual(['eni-1', 'eni-2'])

      await page.goto(`${server.url}/?env=${ACCOUNT}&version=2&view=infrastructure&overlay=exposure`)
      const banner = page.getByTestId('incomplete-banner')
      await banner.waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('incomplete-calls').textContent()).toBe('DescribeRouteTables not collected for 111122223333/eu-west-1.')
      expect(await banner.textContent()).toContain('1 integrity warning(s)')
      await banner.locator('summary').click()
      expect(await banner.locator('li').allTextContents()).toEqual([
        `111122223333/eu-west-1/describe-network-interfaces.json: network interface eni-2 refers to subnet ${HOSTILE_SUBNET}, which is not in the data`,
      ])
      expect(await banner.locator('img').count()).toBe(0)

      await page.waitForFunction(() => (window.__vpclens?.cy.nodes('.exposure-unknown').length ?? 0) > 0, undefined, { timeout: 30_000 })
      const node = await page.evaluate(() => {
        const n = window.__vpclens!.cy.$id('eni-1')
        return { unknown: n.hasClass('exposure-unknown'), exposed: n.hasClass('exposed'), label: String(n.data('label')) }
      })
      expect(node).toEqual({ unknown: true, exposed: false, label: expect.stringMatching(/^UNKNOWN\n/) })
      expect(await page.getByTestId('unknown-count').textContent()).toBe('2 unknown')

      await page.goto(`${server.url}/?env=${ACCOUNT}&version=2&view=infrastructure&overlay=exposure&select=eni-1`)
      const panel = page.getByTestId('exposure-unknown')
      await panel.waitFor({ timeout: 30_000 })
      expect(await panel.textContent()).toContain('unknown: DescribeRouteTables not collected for 111122223333/eu-west-1 (exposure of eni-1; its security groups admit tcp 22 from 0.0.0.0/0)')
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
      expect(browser.dialogs).toEqual([])
    } catch (e) {
      await page.screenshot({ path: join(RESULTS, 'incomplete-data-failed.png') }).catch(() => {})
      throw e
    }
  })

  it('says in the diff view which version lacks what, and that its undecidable interfaces were not compared', async () => {
    const { page } = browser
    try {
      await page.goto(`${server.url}/?env=${ACCOUNT}&view=diff&from=1&to=2`)
      const notice = page.getByTestId('diff-incomplete')
      await notice.waitFor({ timeout: 30_000 })
      expect(await page.getByTestId('diff-incomplete-from').count()).toBe(0)
      expect(await page.getByTestId('diff-incomplete-to').textContent())
        .toBe('version 2 — DescribeRouteTables not collected for 111122223333/eu-west-1, 1 integrity warning(s). ')
      expect(await page.getByTestId('diff-unknown-exposure').textContent())
        .toBe('Exposure unknown in one of the versions, so not compared (not listed as a change either way): eni-1, eni-2.')
      expect(await notice.locator('img').count()).toBe(0)
    } catch (e) {
      await page.screenshot({ path: join(RESULTS, 'incomplete-data-diff-failed.png') }).catch(() => {})
      throw e
    }
  })
})
