import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Dialog, type Page } from 'playwright-core'

/** Debian's Chromium through playwright-core, with the flags that work in this sandbox (testing.md). */
export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'vpclens-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const dialogs: string[] = []
  const onDialog = (d: Dialog) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss() }
  context.on('page', (p) => p.on('dialog', onDialog))
  const page = context.pages()[0] ?? await context.newPage()
  page.on('dialog', onDialog)
  return {
    context, page, dialogs,
    close: async () => { await context.close(); rmSync(userDataDir, { recursive: true, force: true }) },
  }
}
