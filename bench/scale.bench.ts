/**
 * Diff and write path at scale (issue 11), at 2,000, 5,000 and 20,000 ENIs in one run (the demo
 * generator at --scale N; BENCH_SCALES=2000,5000 to choose). Per scale, in a SQLite store, version 1
 * is the demo; version 2 the demo story's next version; version 3 changes 1 % of the resources with
 * the common edits (security-group rules, interfaces regrouped, moved, added and removed, tags);
 * version 4 changes another 1 % with edits of every kind (also NACL entries, routes, subnet
 * associations, listeners, targets, load balancer groups: a shared NACL moves most interfaces).
 * Printed per scale:
 *  - write: version 1 (normalize, record = put + full analysis of its facts); version 2 as discover,
 *    import and watch write one (normalize its inventory + record = put + facts from version 1's);
 *    versions 3 and 4 (record of an edited snapshot);
 *  - analysis of versions 3 and 4: incremental (from the parent's stored facts) against full, medians
 *    of BENCH_SCALE_RUNS runs (default 3), their ratio;
 *  - read: getSnapshot of version 3 (what any whole-version command starts with);
 *  - diff 2 → 3 and 3 → 4: `vpclens diff --json` as a user runs it (compiled CLI, a new process each
 *    run: wall time and peak RSS from /usr/bin/time), and in-process the stored diff against the full
 *    one (read both versions + diffVersions, what the CLI did before), their ratio. Both give the same
 *    diff (checked here too; test/unit/diff/diffStoredVersions.test.ts proves it on random edits).
 * Prints figures and a summary line for the table bench/run.ts prints; fails only if a command fails
 * or the two diffs differ.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { buildCli, staleReason } from '../scripts/build-cli.mjs'
import { generateDemoVersions } from '../server/demo/index.ts'
import { diffStoredVersions } from '../server/diff/diffStoredVersions.ts'
import { diffVersions } from '../server/diff/diffVersions.ts'
import { incrementalExposure } from '../server/diff/incrementalExposure.ts'
import { recordVersion } from '../server/diff/recordVersion.ts'
import { analyzeVersionFacts, loadVersionFacts } from '../server/diff/storedVersionFacts.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { openSqliteStore } from '../server/store/sqliteStore.ts'
import { EDIT_KINDS, editSnapshot, seededRandom } from '../test/support/randomNetworkEdits.ts'
import { printSummary } from './summaryLine.ts'

const SCALES = (process.env.BENCH_SCALES ?? '2000,5000,20000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, 'bin', 'vpclens.mjs')
const ENV = 'bench'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ms = (x: number) => `${x.toFixed(0)} ms`
const timedAsync = async <T>(f: () => Promise<T>): Promise<[T, number]> => { const t = performance.now(); const r = await f(); return [r, performance.now() - t] }
const timed = <T>(f: () => T): [T, number] => { const t = performance.now(); const r = f(); return [r, performance.now() - t] }

/** One CLI process: wall time, and peak RSS when /usr/bin/time is there to measure it. */
function cli(args: string[]): { ms: number; rssMb?: number; stdout: string } {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
  const t = performance.now()
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'MAXRSS %M', process.execPath, BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 })
  const wall = performance.now() - t
  if (r.status !== 0) throw new Error(`vpclens ${args.join(' ')} exited with ${r.status}: ${r.stderr}`)
  const rss = /MAXRSS (\d+)/.exec(r.stderr)?.[1]
  return { ms: wall, ...(rss ? { rssMb: Number(rss) / 1024 } : {}), stdout: r.stdout }
}

const stale = staleReason()
if (stale !== undefined) {
  const [, t] = await timedAsync(() => buildCli())
  console.log(`built dist/server first (${stale}) in ${(t / 1000).toFixed(1)} s`)
}
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine; medians of ${RUNS} runs`)
/** The common change: security-group rules opened and closed, interfaces regrouped, moved, added, removed, tags. */
const COMMON = ['sg-open', 'sg-close', 'eni-groups', 'eni-subnet', 'add-interface', 'remove', 'tags']
/** Every kind of edit (NACL entries, routes, subnet associations, listeners, targets, load balancer groups too), prefix lists apart. */
const EVERY = EDIT_KINDS.filter((k) => k !== 'prefix-list')

interface Step { name: string; from: string; to: string; edits: number; changed: number; record: number; inc: number[]; full: number[]; incremental: boolean; stored: number[]; whole: number[]; same: boolean; cli: Array<{ ms: number; rssMb?: number }>; summary: unknown }

for (const scale of SCALES) {
  const dir = mkdtempSync(join(tmpdir(), 'vpclens-bench-scale-'))
  try {
    const [first, second] = generateDemoVersions({ scale })
    const [v1, tNormalize] = timed(() => normalize(first!))
    const enis = v1.resources.filter((r) => r.kind === 'network-interface').length
    const store = openSqliteStore(dir)
    const [, tWrite1] = await timedAsync(() => recordVersion(store, ENV, v1, { source: 'demo', at: '2026-01-01T00:00:00.000Z' }))
    // The write of one version as discover, import and watch do it: the demo story's next inventory
    // normalized, then recorded (put, and its facts from version 1's).
    globalThis.gc?.()
    const [v2, tNormalize2] = timed(() => normalize(second!))
    const [, tRecord2] = await timedAsync(() => recordVersion(store, ENV, v2, { source: 'demo', at: '2026-01-01T00:30:00.000Z' }))
    const steps: Step[] = []
    let previous = v2
    for (const [i, mix] of [COMMON, EVERY].entries()) {
      const from = String(i + 2)
      const to = String(i + 3)
      // 1 % of the resources changed, by random edits of this mix.
      const { snapshot: next, edits } = editSnapshot(previous, seededRandom(scale + i), Math.round(v1.resources.length / 100), `bench${i}`, mix)
      const [, record] = await timedAsync(() => recordVersion(store, ENV, next, { source: 'demo', at: `2026-01-01T0${i + 1}:00:00.000Z` }))
      const [a, b] = [(await store.getVersion(ENV, from))!, (await store.getVersion(ENV, to))!]
      const parentFacts = (await loadVersionFacts(store, a))!
      const changed = (await store.changedResources(ENV, from, to))!
      const step: Step = { name: mix === COMMON ? 'common' : 'every kind', from, to, edits: edits.length, changed: changed.length, record, inc: [], full: [], incremental: true, stored: [], whole: [], same: true, cli: [], summary: null }
      for (let r = 0; r < RUNS; r++) {
        globalThis.gc?.()
        const [part, ti] = timed(() => incrementalExposure(next, parentFacts, previous.warnings, changed))
        step.incremental &&= part !== undefined
        step.inc.push(ti)
        globalThis.gc?.()
        step.full.push(timed(() => analyzeVersionFacts(next))[1])
      }
      for (let r = 0; r < RUNS; r++) {
        const [fast, tf] = await timedAsync(() => diffStoredVersions(store, ENV, a, b))
        step.stored.push(tf)
        const [slow, ts] = await timedAsync(async () => {
          const [x, y] = [(await store.getSnapshot(ENV, from))!, (await store.getSnapshot(ENV, to))!]
          // Fresh hashes: diffVersions keeps analyses by hash, and this measures it uncached.
          return diffVersions({ id: from, snapshot: { ...x, hash: `${x.hash}-${r}` } }, { id: to, snapshot: { ...y, hash: `${y.hash}-${r}` } })
        })
        step.whole.push(ts)
        step.same &&= isDeepStrictEqual({ ...fast, from: null, to: null }, { ...slow, from: null, to: null })
      }
      steps.push(step)
      previous = next
    }
    const reads: number[] = []
    for (let r = 0; r < RUNS; r++) reads.push((await timedAsync(() => store.getSnapshot(ENV, '3')))[1])
    await store.close()
    for (const step of steps) {
      const runs = Array.from({ length: RUNS }, () => cli(['diff', step.from, step.to, '--json', '--data-dir', dir]))
      step.cli = runs
      step.summary = JSON.parse(runs[0]!.stdout).summary
    }

    console.log(`\n${enis} ENIs, ${v1.resources.length} resources`)
    console.log(`  version 1: normalize ${ms(tNormalize)}, record (put + full analysis of its facts) ${ms(tWrite1)}`)
    console.log(`  write version 2 (the demo story's next inventory): ${ms(tNormalize2 + tRecord2)} = normalize ${ms(tNormalize2)} + record (put + facts) ${ms(tRecord2)}`)
    console.log(`  read: getSnapshot of version 3 ${ms(median(reads))}`)
    for (const s of steps) {
      console.log(`  ${s.from}→${s.to} 1 % changed, ${s.name} (${s.edits} edits, ${s.changed} resources changed)`)
      console.log(`    record ${s.to} (put + facts)   ${ms(s.record)}`)
      console.log(`    analysis            ${s.incremental ? `incremental ${ms(median(s.inc))} vs full ${ms(median(s.full))}: full / incremental = ${(median(s.full) / median(s.inc)).toFixed(1)}×` : `full ${ms(median(s.full))} (the change is too wide: incremental falls back to it)`}`)
      const rss = s.cli[0]!.rssMb !== undefined ? `peak RSS ${median(s.cli.map((r) => r.rssMb!)).toFixed(0)} MB` : 'peak RSS not measured (no /usr/bin/time)'
      console.log(`    vpclens diff ${s.from} ${s.to} --json  ${ms(median(s.cli.map((r) => r.ms)))} (a new process), ${rss}`)
      console.log(`    in process          stored ${ms(median(s.stored))} vs whole versions + diffVersions ${ms(median(s.whole))}: ${(median(s.whole) / median(s.stored)).toFixed(1)}×; same diff: ${s.same}`)
      console.log(`    summary             ${JSON.stringify(s.summary)}`)
      if (!s.same) process.exitCode = 1
    }
    const common = steps[0]!
    printSummary({
      kind: 'scale', enis, diffMs: median(common.cli.map((r) => r.ms)), diffRssMb: common.cli[0]!.rssMb === undefined ? undefined : median(common.cli.map((r) => r.rssMb!)),
      incrementalMs: common.incremental ? median(common.inc) : undefined, fullMs: median(common.full),
      normalizeMs: tNormalize2, recordMs: tRecord2, readMs: median(reads),
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
