/**
 * Import of 1,000,000 security-group rules (issue 10): `vpclens import` of one
 * describe-security-group-rules.json holding a million rules (1,000 groups), once as one response and
 * once as 1,000 AWS CLI pages appended one after another (test/fixtures/writeRulesDump.ts writes both).
 * Each run is a fresh `vpclens import` process into an empty SQLite store; it reports the time of the
 * import itself (read, validate, normalize, store; module loading excluded) and the process's peak
 * resident memory. Medians of BENCH_IMPORT_RUNS runs (default 3) per form, and the paged/one-file
 * ratios measured in this run. Never fails on a time.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeRulesDump } from '../test/fixtures/writeRulesDump.ts'

const RULES = 1_000_000
const GROUPS = 1_000
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3)
const ONCE = fileURLToPath(new URL('./importOnce.ts', import.meta.url))
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const tmp = mkdtempSync(join(tmpdir(), 'vpclens-bench-import-'))
try {
  const forms = [{ name: 'one response', pages: 1 }, { name: '1,000 appended pages', pages: 1_000 }]
  const results: { name: string; ms: number; rssMb: number }[] = []
  for (const form of forms) {
    const dir = join(tmp, `dump-${form.pages}`)
    const base = writeRulesDump(dir, { rules: RULES, groups: GROUPS, pages: form.pages })
    const size = statSync(join(base, 'describe-security-group-rules.json')).size
    const times: number[] = []
    const rss: number[] = []
    for (let run = 0; run < RUNS; run++) {
      const data = join(tmp, `store-${form.pages}-${run}`)
      const r = spawnSync(process.execPath, ['--import', 'tsx', ONCE, dir, data], { encoding: 'utf8', maxBuffer: 1 << 26 })
      const last = r.stdout.trim().split('\n').pop() ?? ''
      if (r.status !== 0 || !last.startsWith('{')) throw new Error(`import process ended with ${r.status ?? r.signal}: ${r.stderr}`)
      const m = JSON.parse(last) as { code: number; ms: number; maxRssKb: number }
      if (m.code !== 0) throw new Error(`import exited with ${m.code}`)
      times.push(m.ms)
      rss.push(m.maxRssKb / 1024)
      rmSync(data, { recursive: true, force: true })
    }
    const ms = median(times)
    const rssMb = median(rss)
    results.push({ name: form.name, ms, rssMb })
    process.stdout.write(`${RULES.toLocaleString('en')} rules, ${form.name} (${(size / 1024 / 1024).toFixed(0)} MB file): ` +
      `import median ${(ms / 1000).toFixed(1)} s (runs: ${times.map((t) => (t / 1000).toFixed(1)).join(', ')} s), ` +
      `peak RSS median ${rssMb.toFixed(0)} MB (runs: ${rss.map((x) => x.toFixed(0)).join(', ')} MB)\n`)
    rmSync(dir, { recursive: true, force: true })
  }
  const [one, paged] = results
  process.stdout.write(`pages / one response: time ×${(paged!.ms / one!.ms).toFixed(2)}, peak RSS ×${(paged!.rssMb / one!.rssMb).toFixed(2)}\n`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
