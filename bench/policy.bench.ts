/**
 * A policy of 200 acceptances and 20 scopes (5 of each kind) on the 20,000-ENI demo: time to read the
 * file, median time to evaluate it (acceptances matched against every finding, exposure and scope
 * violation; scopes answered by the exposure and reach engines) against the analysis it runs on, and
 * memory. The analysis is computed once, as serve and the CLI do; the ratio is measured in this run.
 * Run: npm run bench -- policy   (bench/run.ts passes --expose-gc).
 */
import { cpus, loadavg } from 'node:os'
import { stringify } from 'yaml'
import { generateDemoVersions } from '../server/demo/generateDemoVersions.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { analyzeSnapshot } from '../server/analysis/analyzeSnapshot.ts'
import { evaluatePolicy } from '../server/policy/evaluatePolicy.ts'
import { parsePolicy } from '../server/policy/parsePolicy.ts'

// POLICY_BENCH_SCALE=2000 for a quick look; the figures reported are at 20,000.
const SCALE = Number(process.env.POLICY_BENCH_SCALE ?? 20000)
const RUNS = 5
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} CPUs\n`)
const versions = generateDemoVersions({ scale: SCALE })
const snapshot = normalize(versions[versions.length - 1])
const enis = snapshot.resources.filter((r) => r.kind === 'network-interface').length
gc()
const t0 = performance.now()
const analysis = analyzeSnapshot(snapshot)
const analysisMs = performance.now() - t0

// 200 acceptances from what the version holds: findings by check and resource, exposures by resource,
// port and protocol, checks by tag, sources by prefix list; 20 of them stale and 20 expired.
const vpcs = snapshot.resources.filter((r) => r.kind === 'vpc').map((r) => r.id)
const prefixLists = snapshot.resources.filter((r) => r.kind === 'prefix-list').map((r) => r.id)
const roles = [...new Set(snapshot.resources.filter((r) => r.kind === 'instance').map((r) => r.tags.role).filter(Boolean))]
const base = { reason: 'reviewed', owner: 'platform' }
const accept: object[] = []
for (const f of analysis.findings.slice(0, 80)) accept.push({ check: f.check, resource: f.resourceIds[0], ...base })
for (const e of analysis.exposure.exposures.filter((x) => x.protocol === 'tcp').slice(0, 60)) accept.push({ resource: e.eni, port: e.ports[0] === e.ports[1] ? e.ports[0] : `${e.ports[0]}-${e.ports[1]}`, protocol: 'tcp', ...base })
for (let i = 0; accept.length < 160; i++) accept.push({ check: ['NACL_ALLOW_ALL', 'DEFAULT_SG_HAS_RULES', 'UNUSED_SECURITY_GROUP', 'HTTP_LISTENER'][i % 4], tag: `role=${roles[i % roles.length]}`, ...base })
for (let i = 0; accept.length < 180; i++) accept.push({ check: 'NO_SUCH_CHECK', resource: `i-${String(i).padStart(17, '0')}`, ...base })
for (let i = 0; accept.length < 200; i++) accept.push({ port: 22, source: prefixLists[i % prefixLists.length], expires: '2020-01-01', ...base })
const scopes: object[] = []
for (let i = 0; i < 5; i++) scopes.push({ id: `private-${i}`, kind: 'not-internet-reachable', resources: { tag: `role=${roles[i % roles.length]}` } })
for (let i = 0; i < 5; i++) scopes.push({ id: `lbs-${i}`, kind: 'only-load-balancers-internet-facing', resources: { vpc: vpcs[i % vpcs.length] } })
for (let i = 0; i < 5; i++) scopes.push({ id: `sources-${i}`, kind: 'allowed-internet-sources', port: [22, 3389, 5432, 443, 80][i], sources: [...prefixLists.slice(0, 1), '203.0.113.0/24'] })
for (let i = 0; i < 5; i++) scopes.push({ id: `no-path-${i}`, kind: 'no-path', from: { vpc: vpcs[i % vpcs.length] }, to: { vpc: vpcs[(i + 1) % vpcs.length] }, ...(i % 2 === 0 ? { port: 5432 } : {}) })
const text = stringify({ version: 1, accept, scopes })

const parseTimes: number[] = []
let policy = parsePolicy(text, 'bench.policy.yaml')
for (let i = 0; i < RUNS; i++) { const t = performance.now(); policy = parsePolicy(text, 'bench.policy.yaml'); parseTimes.push(performance.now() - t) }

const times: number[] = []
let heapGrowth = 0, peakRss = 0
let ev = evaluatePolicy(policy, snapshot, analysis, '2026-12-02')
for (let i = 0; i < RUNS; i++) {
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const t = performance.now()
  ev = evaluatePolicy(policy, snapshot, analysis, '2026-12-02')
  times.push(performance.now() - t)
  const m = process.memoryUsage()
  heapGrowth = Math.max(heapGrowth, m.heapUsed - heap0)
  peakRss = Math.max(peakRss, m.rss)
}
const status = (s: string) => ev.scopes.filter((x) => x.status === s).length
const count = (s: string) => ev.acceptances.filter((a) => a.status === s).length
const accepted = ev.findings.filter((f) => f.accepted).length + ev.exposures.filter((e) => e.accepted).length
process.stdout.write(`${enis} ENIs, ${analysis.findings.length} findings, ${analysis.exposure.exposures.length} exposures; policy of ${policy.accept.length} acceptances and ${policy.scopes.length} scopes (${(text.length / 1024).toFixed(0)} KiB of YAML)\n`)
process.stdout.write(`read policy   median ${median(parseTimes).toFixed(1)} ms (runs ${parseTimes.map((t) => t.toFixed(1)).join(', ')})\n`)
process.stdout.write(`evaluate      median ${median(times).toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')})  heap +${mb(heapGrowth)}  RSS ${mb(peakRss)}\n`)
process.stdout.write(`analysis      ${analysisMs.toFixed(0)} ms (once): evaluate / analysis = ${(median(times) / analysisMs).toFixed(2)}\n`)
process.stdout.write(`result        scopes ${status('holds')} hold, ${status('violated')} violated, ${status('unknown')} unknown; ${ev.scopes.reduce((n, s) => n + s.violations.length, 0)} violations listed; ${accepted} findings/exposures accepted; acceptances ${count('active')} active, ${count('stale')} stale, ${count('expired')} expired\n`)
