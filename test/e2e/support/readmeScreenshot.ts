import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { REPO } from './startServer.ts'

/** True when the README's screenshots are to be re-taken: `npm run screenshots` (VPCLENS_SCREENSHOTS=1). */
export const RETAKE_SCREENSHOTS = process.env.VPCLENS_SCREENSHOTS === '1'

/**
 * A screenshot the README shows. Written to docs/screenshots (tracked) only on request, so that
 * `npm test` leaves the checkout unchanged; otherwise to test-results/ (ignored), so the same page
 * is still captured and can be looked at after a run.
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const dir = RETAKE_SCREENSHOTS ? join(REPO, 'docs', 'screenshots') : join(REPO, 'test-results', 'readme-screenshots')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, name) })
}
