import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO } from './startServer.ts'

const LOCK = join(REPO, 'web', '.build-lock')

/**
 * `npm run build:web`: the server serves web/dist. End-to-end files run in parallel and the build empties
 * web/dist first, so one file builds while the others wait for it (a directory as the lock) and reuse it.
 */
export async function buildWeb(): Promise<void> {
  if (isFresh()) return
  try {
    mkdirSync(LOCK)
  } catch {
    // Another test file is building (or a crashed run left a lock older than two minutes).
    for (let i = 0; i < 240; i++) {
      try { if (Date.now() - statSync(LOCK).mtimeMs > 120_000) rmSync(LOCK, { recursive: true, force: true }) } catch { return }
      await new Promise((r) => setTimeout(r, 500))
    }
    throw new Error('timed out waiting for another web build')
  }
  try {
    if (isFresh()) return
    execFileSync('npm', ['run', 'build:web'], { cwd: REPO, stdio: 'pipe', timeout: 120_000 })
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

/** web/dist is newer than every source of the web app (and shared/, which it imports). */
function isFresh(): boolean {
  let built: number
  try { built = statSync(join(REPO, 'web', 'dist', 'index.html')).mtimeMs } catch { return false }
  const newest = (path: string): number => {
    const st = statSync(path)
    if (!st.isDirectory()) return st.mtimeMs
    return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))))
  }
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'shared', 'package.json'].map((p) => join(REPO, p))
  return Math.max(...sources.map(newest)) < built
}
