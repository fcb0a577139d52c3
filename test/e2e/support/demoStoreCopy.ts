import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedOnce } from '../../support/sharedOnce.ts'
import { REPO } from './startServer.ts'

/**
 * A new data directory holding the demo story's five versions (`vpclens demo`), for one test file to
 * serve and change as it likes. The demo is stored once per run by the real command and copied: the
 * store is one SQLite file, closed when `vpclens demo` exits, so a copy is the same store.
 */
export async function demoStoreCopy(prefix: string): Promise<string> {
  const demo = await sharedOnce('demo-store', (dir) => {
    execFileSync(process.execPath, ['bin/vpclens.mjs', 'demo', '--data-dir', dir], { cwd: REPO, stdio: 'pipe' })
  })
  const dataDir = mkdtempSync(join(tmpdir(), `vpclens-${prefix}-`))
  cpSync(demo, dataDir, { recursive: true, filter: (src) => !src.endsWith('.done') })
  return dataDir
}
