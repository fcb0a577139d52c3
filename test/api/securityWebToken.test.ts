/**
 * The web app against a server with an access token, in Chromium: it asks for the token once, keeps
 * it for the tab (sessionStorage: a reload does not ask again, a new tab does), sends it on every API
 * call, and runs under the strict CSP with no violation.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import type { SnapshotStore } from '../../server/store/SnapshotStore.ts'
import { buildWeb } from '../e2e/support/buildWeb.ts'
import { sharedBrowser } from '../e2e/support/launchBrowser.ts'
import { REPO } from '../e2e/support/startServer.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

const TOKEN = 'web-token-test-0123456789'
let dir: string
let store: SnapshotStore
let app: FastifyInstance
let url: string
let browser: Browser

beforeAll(async () => {
  await buildWeb()
  dir = mkdtempSync(join(tmpdir(), 'vpclens-webtoken-'))
  store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  app = await buildApp({ store, webDir: join(REPO, 'web', 'dist'), security: { token: TOKEN } })
  await app.listen({ host: '127.0.0.1', port: 0 })
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/`
  browser = await sharedBrowser()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  await store?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A tab that answers every prompt with `answer`, recording prompts, API statuses and CSP violations. */
async function tab(page: Page, answer: string) {
  const prompts: string[] = []
  const api: { url: string; status: number; auth: string | undefined }[] = []
  const violations: string[] = []
  page.on('dialog', (d) => { prompts.push(`${d.type()}: ${d.message()}`); void (d.type() === 'prompt' ? d.accept(answer) : d.dismiss()) })
  page.on('response', (r) => { if (r.url().includes('/api/')) api.push({ url: r.url(), status: r.status(), auth: r.request().headers().authorization }) })
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()) })
  return { prompts, api, violations }
}

describe('web app with an access token', () => {
  it('asks once, keeps the token for the tab, and shows the environment', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const seen = await tab(page, TOKEN)
    await page.goto(url)
    await page.locator('[data-testid="workspace"][data-version="1"]').waitFor({ timeout: 30_000 })
    expect(seen.prompts).toEqual(['prompt: This vpclens server needs its access token (vpclens serve --token):'])
    expect(seen.api.some((r) => r.status === 200 && r.auth === `Bearer ${TOKEN}`)).toBe(true)

    seen.api.length = 0
    await page.reload()
    await page.locator('[data-testid="workspace"][data-version="1"]').waitFor({ timeout: 30_000 })
    expect(seen.prompts).toHaveLength(1)
    expect(seen.api.length).toBeGreaterThan(0)
    // Every call carries the token; the non-200s are the Refresh button's probe, which a server
    // without discover options answers 409 (and the button stays hidden), and the live poll's 304s
    // (the latest version is still the one the page has).
    expect(seen.api.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true)
    const notOk = seen.api.filter((r) => r.status !== 200).map((r) => `${r.status} ${new URL(r.url).pathname}`)
    expect(notOk).toContain('409 /api/environments/prod/refresh')
    expect(notOk.filter((r) => r !== '409 /api/environments/prod/refresh' && r !== '304 /api/environments/prod/latest')).toEqual([])
    expect(seen.violations).toEqual([])

    // sessionStorage belongs to the tab: another tab asks again.
    const other = await context.newPage()
    const otherSeen = await tab(other, TOKEN)
    await other.goto(url)
    await other.locator('[data-testid="workspace"][data-version="1"]').waitFor({ timeout: 30_000 })
    expect(otherSeen.prompts).toHaveLength(1)
    await context.close()
  })

  it('after a cancelled prompt, shows the server\'s 401 message and sends no token', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const seen = await tab(page, '')
    await page.goto(url)
    await page.getByText('this server requires an access token', { exact: false }).first().waitFor({ timeout: 30_000 })
    expect(seen.prompts.length).toBeGreaterThanOrEqual(1)
    expect(seen.api.every((r) => r.status === 401 && r.auth === undefined)).toBe(true)
    await context.close()
  })
})
