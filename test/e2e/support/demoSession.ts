import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { buildWeb } from './buildWeb.ts'
import { demoStoreCopy } from './demoStoreCopy.ts'
import { launchBrowser } from './launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './startServer.ts'

export const RESULTS = join(REPO, 'test-results')

export interface DemoSession {
  server: RunningServer
  browser: Awaited<ReturnType<typeof launchBrowser>>
  page: Page
  /** GET an API path and parse it (fails the test unless 200). */
  api: <T>(path: string) => Promise<T>
  close: () => Promise<void>
}

/** A copy of the demo store (`vpclens demo`), `vpclens serve --port 0 [serveArgs]` on it, and a Chromium page. */
export async function openDemo(prefix: string, serveArgs: string[] = []): Promise<DemoSession> {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  const dataDir = await demoStoreCopy(prefix)
  const server = await startServer(dataDir, serveArgs)
  const browser = await launchBrowser()
  const api = async <T,>(path: string): Promise<T> => {
    const res = await fetch(new URL(path, server.url))
    expect(res.status, path).toBe(200)
    return (await res.json()) as T
  }
  return {
    server, browser, page: browser.page, api,
    close: async () => {
      await browser.close()
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Ids of the selected Cytoscape elements. */
export const selectedIds = (page: Page) => page.evaluate(() => window.__vpclens!.cy.$(':selected').map((e) => e.id()))

/** Taps an element the way a click does (Cytoscape's own event), by id. */
export const tap = (page: Page, id: string) => page.evaluate((x) => { window.__vpclens!.cy.$id(x).emit('tap') }, id)
