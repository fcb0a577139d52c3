import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'
import { buildCli, staleReason } from '../scripts/build-cli.mjs'

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's shared directory (test/support/sharedOnce.ts). */
    vpclensRunDir: string
    /** The vitest process: what the run's shared Chromium watches to stop if the run dies. */
    vpclensRunnerPid: number
  }
}

const REPO = fileURLToPath(new URL('..', import.meta.url))

/**
 * Once per `vitest run`, before any test file:
 * - compile the CLI if dist/server is missing or older than its sources, so every test that spawns
 *   `vpclens` runs the compiled JavaScript (a fraction of a second to start, against seconds through
 *   tsx) and none of them falls back with a note on stderr;
 * - make the run's shared directory, where test files make expensive set-ups once (the demo store,
 *   the Chromium server: sharedOnce) and reuse them.
 * After the last file: stop the shared Chromium, remove the directory, and fail the run if it changed
 * the checkout (`git status`): tests write only to temporary directories and test-results/.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (staleReason() !== undefined) await buildCli()
  const runDir = mkdtempSync(join(tmpdir(), 'vpclens-test-run-'))
  project.provide('vpclensRunDir', runDir)
  project.provide('vpclensRunnerPid', process.pid)
  const before = gitStatus()
  return async () => {
    await stopSharedChromium(runDir)
    rmSync(runDir, { recursive: true, force: true })
    const after = gitStatus()
    if (before === undefined || after === undefined) return
    // Only entries the run added or changed: a checkout already modified before the run is not the tests' doing.
    const changed = [...after].filter(([path, state]) => before.get(path) !== state).map(([path, state]) => `${state.slice(0, 2)} ${path}`)
    // Re-taking the README's screenshots (npm run screenshots) rewrites them on purpose.
    const unexpected = changed.filter((line) => !(process.env.VPCLENS_SCREENSHOTS === '1' && line.includes(' docs/screenshots/')))
    if (unexpected.length > 0) throw new Error(`the checkout changed during the test run (git status; tests must write only to temporary directories and test-results/):\n${unexpected.join('\n')}`)
  }
}

/** `git status` as path → state, or undefined outside a git checkout. */
function gitStatus(): Map<string, string> | undefined {
  let out: string
  try {
    out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return undefined
  }
  const entries = new Map<string, string>()
  for (const entry of out.split('\0').filter(Boolean)) {
    const path = entry.slice(3)
    // With the size and modification time: a file already modified before the run and rewritten by it counts.
    let stamp = 'deleted'
    try { const st = statSync(join(REPO, path)); stamp = `${st.size} ${st.mtimeMs}` } catch { /* deleted */ }
    entries.set(path, `${entry.slice(0, 2)} ${stamp}`)
  }
  return entries
}

/** SIGTERM to the shared Chromium's server process (browserServer.mjs), if a test file started it. */
async function stopSharedChromium(runDir: string): Promise<void> {
  let pid: number
  try {
    pid = (JSON.parse(readFileSync(join(runDir, 'chromium', 'endpoint.json'), 'utf8')) as { pid: number }).pid
  } catch {
    return
  }
  const alive = () => { try { process.kill(pid, 0); return true } catch { return false } }
  if (!alive()) return
  process.kill(pid, 'SIGTERM')
  for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100))
  if (alive()) process.kill(pid, 'SIGKILL')
}
