/**
 * `npm run bench [-- name-filter]`: runs every bench/*.bench.ts in turn, each in its own process so
 * one benchmark's heap does not skew the next, and prints what each one prints. Benchmarks measure
 * and report; they never fail on a time (tests do not assert times either).
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv[2]
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter))).sort()
let failed = 0
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, f)], { stdio: 'inherit' })
  if (r.status !== 0) { failed++; process.stdout.write(`${f} exited with ${r.status}\n`) }
}
process.exit(failed > 0 ? 1 : 0)
