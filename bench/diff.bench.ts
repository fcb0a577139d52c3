/**
 * Diff and version-storage benchmark (issue 5).
 *  1. Diff time: two versions of a generated environment of 20,000 ENIs (the demo generator at
 *     --scale 20000, ≈46,000 resources), the second with 1% of its resources changed; median of 5 runs
 *     of the pure diff (exposure from security-group rules), and of 3 runs of the diff the CLI and API
 *     run (exposure analysis of both versions included, nothing cached).
 *  2. Store size: 100 versions, each with 1% of the resources changed from the one before, put into
 *     the SQLite store; its bytes on disk against 100 full copies, measured as the summed byte length
 *     of the 100 snapshots' JSON (what storing every version whole, uncompressed, would take).
 *     Scale for this part: BENCH_STORE_SCALE ENIs (default 2,000, so 100 puts finish in minutes).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Resource, SecurityGroupRule, Snapshot } from '../shared/index.ts'
import { generateDemoVersions } from '../server/demo/index.ts'
import { diffSnapshots } from '../server/diff/diffSnapshots.ts'
import { diffVersions } from '../server/diff/diffVersions.ts'
import { canonicalJson } from '../server/snapshot/canonicalJson.ts'
import { hashResource, hashResources } from '../server/snapshot/hashSnapshot.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { openSqliteStore } from '../server/store/sqliteStore.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

/** A copy of `s` with 1% of its resources changed, a different 1% for each `round`: realistic edits per kind. */
function changeOnePercent(s: Snapshot, round: number): Snapshot {
  const groups = s.resources.filter((r) => r.kind === 'security-group').map((r) => r.id)
  const resources = s.resources.map((r, i): Resource => {
    if ((i + round * 37) % 100 !== 0) return r
    const c = structuredClone(r)
    if (c.kind === 'security-group') {
      const rules = (c.attributes.rules ?? []) as SecurityGroupRule[]
      rules.push({ SecurityGroupRuleId: `sgr-bench-${round}-${i}`, GroupId: c.id, IsEgress: false, IpProtocol: 'tcp', FromPort: 8000 + round, ToPort: 8000 + round, CidrIpv4: '203.0.113.0/24' })
    } else if (c.kind === 'network-interface') {
      c.attributes.groupIds = [...((c.attributes.groupIds ?? []) as string[]), groups[(i + round) % groups.length]!]
    } else {
      c.tags = { ...c.tags, 'bench-round': String(round) }
    }
    return JSON.parse(canonicalJson(c)) as Resource
  })
  return { ...s, resources, hash: hashResources(resources.map(hashResource)) }
}

// 1. Diff time at 20,000 ENIs.
let t = performance.now()
const big = normalize(generateDemoVersions({ scale: 20_000 })[0]!)
const bigChanged = changeOnePercent(big, 1)
const enis = big.resources.filter((r) => r.kind === 'network-interface').length
process.stdout.write(`generated ${enis} ENIs, ${big.resources.length} resources (${mb(JSON.stringify(big).length)} of JSON) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`)
const times: number[] = []
const same: number[] = []
let summary = ''
for (let run = 0; run < 5; run++) {
  globalThis.gc?.()
  t = performance.now()
  const d = diffSnapshots(big, bigChanged)
  times.push(performance.now() - t)
  summary = JSON.stringify(d.summary)
  t = performance.now()
  diffSnapshots(big, big)
  same.push(performance.now() - t)
}
process.stdout.write(`diff, ${enis} ENIs, 1% of resources changed: median ${median(times).toFixed(0)} ms over 5 runs (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}); ${summary}\n`)
process.stdout.write(`diff, ${enis} ENIs, nothing changed: median ${median(same).toFixed(0)} ms over 5 runs\n`)
// What the CLI and API run: the same diff with exposure analysis of both versions. diffVersions keeps
// analysis results by content hash, so each run gets fresh copies (new hashes) to measure it uncached.
const withAnalysis: number[] = []
for (let run = 0; run < 3; run++) {
  globalThis.gc?.()
  const a = { ...big, hash: `${big.hash}-${run}` }
  const b = { ...bigChanged, hash: `${bigChanged.hash}-${run}` }
  t = performance.now()
  const d = diffVersions({ id: '1', snapshot: a }, { id: '2', snapshot: b })
  withAnalysis.push(performance.now() - t)
  summary = JSON.stringify(d.summary)
}
process.stdout.write(`diff with exposure analysis of both versions, ${enis} ENIs, 1% changed: median ${median(withAnalysis).toFixed(0)} ms over 3 runs; ${summary}\n`)

// 2. Store bytes after 100 versions with 1% change each.
const scale = Number(process.env.BENCH_STORE_SCALE ?? 2000)
const dir = mkdtempSync(join(tmpdir(), 'vpclens-bench-store-'))
try {
  const store = openSqliteStore(dir)
  let snapshot = normalize(generateDemoVersions({ scale })[0]!)
  let fullCopies = 0
  const puts: number[] = []
  for (let v = 1; v <= 100; v++) {
    if (v > 1) snapshot = changeOnePercent(snapshot, v)
    fullCopies += Buffer.byteLength(JSON.stringify(snapshot))
    t = performance.now()
    await store.put('bench', snapshot, { source: 'demo', at: new Date(Date.UTC(2026, 0, 1, 0, v)).toISOString() })
    puts.push(performance.now() - t)
  }
  const versions = (await store.listVersions('bench')).length
  await store.close() // checkpoints the WAL into the database file
  const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0)
  process.stdout.write(`store, ${snapshot.resources.length} resources (scale ${scale}), ${versions} versions with 1% changed each: ` +
    `${mb(bytes)} on disk (SQLite file + WAL) vs ${mb(fullCopies)} for 100 full copies (summed snapshot JSON): ratio ${(bytes / fullCopies).toFixed(3)} ` +
    `(${(fullCopies / bytes).toFixed(1)}x smaller); put median ${median(puts).toFixed(0)} ms\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
