import { spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type BrowserContext, type Dialog, type Page } from 'playwright-core'
import { inject } from 'vitest'
import { sharedOnce } from '../../support/sharedOnce.ts'

const SERVER_SCRIPT = fileURLToPath(new URL('./browserServer.mjs', import.meta.url))

/**
 * A fresh browser context and page in the run's one Chromium (browserServer.mjs, started by the first
 * test file that asks): a context shares nothing with another one — cookies, storage, cache — so each
 * file still starts from a clean profile, without paying a Chromium launch each. Dialogs are dismissed
 * and recorded in `dialogs`.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; close: () => Promise<void> }> {
  const browser = await sharedBrowser()
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const dialogs: string[] = []
  const onDialog = (d: Dialog) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss() }
  context.on('page', (p) => p.on('dialog', onDialog))
  const page = await context.newPage()
  return {
    context, page, dialogs,
    close: async () => { await context.close(); await browser.close() },
  }
}

/**
 * A connection to the run's one Chromium, for tests that open their own contexts; its `close()` drops
 * the connection (and the contexts opened through it), the browser stays for the other files.
 */
export async function sharedBrowser(): Promise<Browser> {
  const dir = await sharedOnce('chromium', async (d) => {
    const file = join(d, 'endpoint.json')
    const log = join(d, 'chromium.log')
    const fd = openSync(log, 'w')
    const child = spawn(process.execPath, [SERVER_SCRIPT, file, String(inject('vpclensRunnerPid'))], { detached: true, stdio: ['ignore', fd, fd] })
    closeSync(fd)
    child.unref()
    for (let i = 0; !existsSync(file); i++) {
      if (child.exitCode !== null) throw new Error(`the shared Chromium exited with ${child.exitCode}: ${readFileSync(log, 'utf8')}`)
      if (i > 600) throw new Error(`the shared Chromium did not start in 120 s: ${readFileSync(log, 'utf8')}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  })
  const { wsEndpoint } = JSON.parse(readFileSync(join(dir, 'endpoint.json'), 'utf8')) as { wsEndpoint: string }
  return chromium.connect(wsEndpoint)
}
