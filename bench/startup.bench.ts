/**
 * CLI start-up (issue 11): wall time of `vpclens --version`, `vpclens --help` and `vpclens exposure
 * --json` on the small demo store (30 network interfaces, so the time is mostly start-up), each run
 * as a user runs it (`node bin/vpclens.mjs …`, a new process every time). The compiled CLI
 * (dist/server, built first if stale) is compared in the same run with the TypeScript sources run
 * through tsx (VPCLENS_FROM_SOURCE=1, the path bin/vpclens.mjs falls back to); `node -e 0` is the
 * floor no command can go under on this machine. Runs alternate between the variants so a change in
 * the machine's load hits all of them alike. Prints medians and ratios; fails only if a command fails.
 * BENCH_STARTUP_RUNS overrides the number of runs (default 7).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCli, staleReason } from '../scripts/build-cli.mjs'
import { printSummary } from './summaryLine.ts'

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'vpclens.mjs')

/** One process, timed from spawn to exit; throws unless it exits 0 (a benchmark of a failure measures nothing). */
function timed(args: string[], env: Record<string, string> = {}): { ms: number; stderr: string } {
  const t = performance.now()
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
  const ms = performance.now() - t
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`)
  return { ms, stderr: r.stderr }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] }
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`

const stale = staleReason()
if (stale !== undefined) {
  const t = performance.now()
  await buildCli()
  console.log(`built dist/server first (${stale}) in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}
const dataDir = mkdtempSync(join(tmpdir(), 'vpclens-startup-'))
try {
  timed([BIN, 'demo', '--data-dir', dataDir])
  const commands: Array<{ name: string; args: string[] }> = [
    { name: '--version', args: ['--version'] },
    { name: '--help', args: ['--help'] },
    { name: 'exposure --json (30 ENIs)', args: ['exposure', '--json', '--data-dir', dataDir] },
  ]
  const variants: Array<{ name: string; env: Record<string, string> }> = [{ name: 'compiled', env: {} }, { name: 'tsx', env: { VPCLENS_FROM_SOURCE: '1' } }]
  const floor: number[] = []
  const times = new Map<string, number[]>()
  const warnings = new Set<string>()
  timed([BIN, '--version']) // warm the file system cache once; not counted
  for (let i = 0; i < RUNS; i++) {
    floor.push(timed(['-e', '0']).ms)
    for (const c of commands) {
      for (const v of variants) {
        const r = timed([BIN, ...c.args], v.env)
        const key = `${c.name}|${v.name}`
        times.set(key, [...(times.get(key) ?? []), r.ms])
        if (/Warning/.test(r.stderr)) warnings.add(`${c.name} (${v.name}): ${r.stderr.split('\n').find((l) => /Warning/.test(l))}`)
      }
    }
  }
  console.log(`Node ${process.version}, medians of ${RUNS} runs, a new process each`)
  console.log(`node -e 0 (the floor)            ${fmt(median(floor))}`)
  console.log(`${'command'.padEnd(32)}  ${'compiled'.padStart(9)}  ${'tsx'.padStart(9)}  tsx/compiled  compiled - floor`)
  for (const c of commands) {
    const compiled = median(times.get(`${c.name}|compiled`)!)
    const tsx = median(times.get(`${c.name}|tsx`)!)
    console.log(`${c.name.padEnd(32)}  ${fmt(compiled)}  ${fmt(tsx)}  ${(tsx / compiled).toFixed(1).padStart(11)}×  ${fmt(compiled - median(floor))}`)
  }
  printSummary({ kind: 'startup', floorMs: median(floor), commands: Object.fromEntries(commands.map((c) => [c.name, median(times.get(`${c.name}|compiled`)!)])) })
  console.log(warnings.size === 0 ? 'no warnings on stderr (the AWS SDK is not loaded by these commands)' : `warnings on stderr:\n  ${[...warnings].join('\n  ')}`)
  console.log(`load average (1, 5, 15 min) at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on this machine`)
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
