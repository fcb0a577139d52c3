/**
 * `npm run bench [-- name-filter …]`: runs every bench/*.bench.ts (or those whose name contains one
 * of the filters) in turn, each in its own process so one benchmark's heap does not skew the next,
 * and prints what each one prints. At the end, a table of the figures the scale, startup and web
 * benchmarks reported (their `::summary` lines, bench/summaryLine.ts): diff, analysis, write, read,
 * CLI start-up, first diagram and overview frames at each size, from this one run. Benchmarks measure
 * and report; they never fail on a time (tests do not assert times either).
 */
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { summaryTable } from './summaryTable.ts'
import { SUMMARY_PREFIX, type BenchSummary } from './summaryLine.ts'

const here = dirname(fileURLToPath(import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => f.includes(x)))).sort()
const summaries: BenchSummary[] = []

/** Runs one benchmark, passing its output through and keeping its summary lines. */
function run(file: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        if (line.startsWith(SUMMARY_PREFIX)) summaries.push(JSON.parse(line.slice(SUMMARY_PREFIX.length)) as BenchSummary)
        else process.stdout.write(`${line}\n`)
      }
    })
    child.on('close', (code) => {
      if (pending !== '') process.stdout.write(pending)
      resolve(code ?? 1)
    })
  })
}

const started = new Date()
let failed = 0
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`)
  const code = await run(f)
  if (code !== 0) { failed++; process.stdout.write(`${f} exited with ${code}\n`) }
}
if (summaries.length > 0) {
  process.stdout.write(`\n=== summary of this run (${started.toISOString().slice(0, 16)}Z to ${new Date().toISOString().slice(11, 16)}Z; load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}) ===\n`)
  process.stdout.write(summaryTable(summaries))
}
process.exit(failed > 0 ? 1 : 0)
