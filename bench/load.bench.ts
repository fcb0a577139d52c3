/**
 * Load test of the server (issue 7): a real `vpclens serve` process on loopback, serving the demo
 * generator's 5,000-ENI environment (--scale 5000) from SQLite; autocannon with 50 connections for
 * 20 s against the latest version's graph, then its exposure. Prints throughput, latency (p50, p99)
 * and every error, timeout or non-2xx answer. Fails only on errors, never on a time.
 * BENCH_LOAD_SCALE, BENCH_LOAD_SECONDS and BENCH_LOAD_CONNECTIONS override the defaults.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateDemoVersions } from '../server/demo/index.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { openSqliteStore } from '../server/store/sqliteStore.ts'

const SCALE = Number(process.env.BENCH_LOAD_SCALE ?? 5000)
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20)
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50)
const ENV = `demo-${SCALE}`
const BIN = fileURLToPath(new URL('../bin/vpclens.mjs', import.meta.url))

/** The part of autocannon's API used here (the package ships no types). */
interface Stats { average: number; p50: number; p99: number; total: number }
interface LoadResult { requests: Stats; latency: Stats; throughput: Stats; errors: number; timeouts: number; non2xx: number }
const autocannon = createRequire(import.meta.url)('autocannon') as
  (options: { url: string; connections: number; duration: number }) => Promise<LoadResult>

const dataDir = mkdtempSync(join(tmpdir(), 'vpclens-load-'))
let server: ChildProcess | undefined
try {
  const store = openSqliteStore(dataDir)
  let t = performance.now()
  for (const inventory of generateDemoVersions({ scale: SCALE })) {
    await store.put(ENV, normalize(inventory), { source: 'demo', at: inventory.collectedAt })
  }
  const latest = (await store.getVersion(ENV, 'latest'))!
  await store.close()
  const resources = Object.values(latest.counts).reduce((a, b) => a + b, 0)
  console.log(`data: ${ENV}, version ${latest.id}: ${latest.counts['network-interface'] ?? 0} ENIs, ${latest.counts['security-group'] ?? 0} security groups, ${resources} resources (stored in ${((performance.now() - t) / 1000).toFixed(1)} s)`)

  const started = await startServe()
  server = started.child
  const base = started.url
  console.log(`server: vpclens serve on ${base} (separate process, SQLite store, no token)`)

  const results: string[] = []
  let failures = 0
  for (const route of ['graph', 'exposure']) {
    const url = `${base}/api/environments/${ENV}/versions/${latest.id}/${route}`
    t = performance.now()
    const first = await fetch(url)
    const body = await first.arrayBuffer()
    const coldMs = performance.now() - t
    if (!first.ok) {
      console.log(`${route}: first request answered ${first.status}; not measured`)
      failures++
      continue
    }
    const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS })
    const bad = r.errors + r.timeouts + r.non2xx
    failures += bad
    results.push(`${route.padEnd(9)} ${String(Math.round(r.requests.average)).padStart(7)} req/s  `
      + `p50 ${String(r.latency.p50).padStart(5)} ms  p99 ${String(r.latency.p99).padStart(5)} ms  `
      + `${(r.throughput.average / 1024 / 1024).toFixed(1).padStart(6)} MB/s  ${r.requests.total} requests  `
      + `errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}  `
      + `(body ${(body.byteLength / 1024).toFixed(0)} KB, first request ${coldMs.toFixed(0)} ms)`)
  }
  console.log(`\nautocannon: ${CONNECTIONS} connections, ${SECONDS} s per route, GET latest version`)
  for (const line of results) console.log(line)
  if (failures > 0) {
    console.log(`\n${failures} failed requests`)
    process.exitCode = 1
  }
} finally {
  server?.kill('SIGTERM')
  rmSync(dataDir, { recursive: true, force: true })
}

function startServe(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, VPCLENS_TOKEN: '' },
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = /vpclens serving http:\/\/[^:]+:(\d+)/.exec(out)
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` })
    })
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
}
