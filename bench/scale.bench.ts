/**
 * Diff and write path at scale (issue 11), at 2,000, 5,000 and 20,000 ENIs in one run (the demo
 * generator at --scale N; BENCH_SCALES=2000,5000 to choose). Per scale, in a SQLite store:
 *  - write: normalize of the first version's inventory; recording version 1 (put + full analysis of its
 *    facts) and version 2 (1 % of the resources changed by random realistic edits: put + incremental facts);
 *  - analysis of version 2's exposure: incremental (from version 1's facts) against full, medians of
 *    BENCH_SCALE_RUNS runs (default 3), their ratio;
 *  - read: getSnapshot of version 2 (what any whole-version command starts with);
 *  - diff 1 → 2: `vpclens diff 1 2 --json` as a user runs it (compiled CLI, a new process each run:
 *    wall time and peak RSS from /usr/bin/time), and in-process the stored diff against the full one
 *    (read both versions + diffVersions, what the CLI did before), their ratio. Both give the same diff
 *    (checked here too; test/unit/diff/diffStoredVersions.test.ts proves it on random edits).
 * Prints figures; fails only if a command fails or the two diffs differ.
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
const local = EDIT_KINDS.filter((k) => k !== 'prefix-list')
for (const scale of SCALES) {
  const dir = mkdtempSync(join(tmpdir(), 'vpclens-bench-scale-'))
  try {
    const inventory = generateDemoVersions({ scale })[0]!
    const [v1, tNormalize] = timed(() => normalize(inventory))
    // 1 % of the resources changed (edits that keep the change local: no prefix-list edit forcing a full analysis).
    const { snapshot: v2, edits } = editSnapshot(v1, seededRandom(scale), Math.round(v1.resources.length / 100), 'bench', local)
    const enis = v1.resources.filter((r) => r.kind === 'network-interface').length
    const store = openSqliteStore(dir)
    const [, tWrite1] = await timedAsync(() => recordVersion(store, ENV, v1, { source: 'demo', at: '2026-01-01T00:00:00.000Z' }))
    const [, tWrite2] = await timedAsync(() => recordVersion(store, ENV, v2, { source: 'demo', at: '2026-01-01T01:00:00.000Z' }))
    const [version1, version2] = [(await store.getVersion(ENV, '1'))!, (await store.getVersion(ENV, '2'))!]
    const facts1 = (await loadVersionFacts(store, version1))!
    const changed = (await store.changedResources(ENV, '1', '2'))!

    const inc: number[] = []
    const full: number[] = []
    const reads: number[] = []
    for (let i = 0; i < RUNS; i++) {
      globalThis.gc?.()
      const [part, ti] = timed(() => incrementalExposure(v2, facts1, v1.warnings, changed))
      if (!part) throw new Error('the 1 % change fell back to a full analysis')
      inc.push(ti)
      globalThis.gc?.()
      full.push(timed(() => analyzeVersionFacts(v2))[1])
      reads.push((await timedAsync(() => store.getSnapshot(ENV, '2')))[1])
    }

    const stored: number[] = []
    const whole: number[] = []
    let same = true
    for (let i = 0; i < RUNS; i++) {
      const [fast, tf] = await timedAsync(() => diffStoredVersions(store, ENV, version1, version2))
      stored.push(tf)
      const [slow, ts] = await timedAsync(async () => {
        const [a, b] = [(await store.getSnapshot(ENV, '1'))!, (await store.getSnapshot(ENV, '2'))!]
        // Fresh hashes: diffVersions keeps analyses by hash, and this measures it uncached.
        return diffVersions({ id: '1', snapshot: { ...a, hash: `${a.hash}-${i}` } }, { id: '2', snapshot: { ...b, hash: `${b.hash}-${i}` } })
      })
      whole.push(ts)
      same &&= isDeepStrictEqual({ ...fast, from: null, to: null }, { ...slow, from: null, to: null })
    }
    await store.close()
    const runs = Array.from({ length: RUNS }, () => cli(['diff', '1', '2', '--json', '--data-dir', dir]))
    const summary = JSON.parse(runs[0]!.stdout).summary

    console.log(`\n${enis} ENIs, ${v1.resources.length} resources; version 2: ${edits.length} edits, ${changed.length} resources changed`)
    console.log(`  write     normalize v1 ${ms(tNormalize)}; record v1 (put + full facts) ${ms(tWrite1)}; record v2 (put + incremental facts) ${ms(tWrite2)}`)
    console.log(`  analysis  incremental ${ms(median(inc))} vs full ${ms(median(full))}: full / incremental = ${(median(full) / median(inc)).toFixed(1)}×`)
    console.log(`  read      getSnapshot(v2) ${ms(median(reads))}`)
    console.log(`  diff 1→2  vpclens diff --json (new process) ${ms(median(runs.map((r) => r.ms)))}, peak RSS ${runs[0]!.rssMb !== undefined ? `${median(runs.map((r) => r.rssMb!)).toFixed(0)} MB` : 'not measured (no /usr/bin/time)'}`)
    console.log(`            in process: stored ${ms(median(stored))} vs whole versions + diffVersions ${ms(median(whole))}: ${(median(whole) / median(stored)).toFixed(1)}×; same diff: ${same}; ${JSON.stringify(summary)}`)
    if (!same) process.exitCode = 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
