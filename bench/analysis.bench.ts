/**
 * Full analysis (compile + exposure + findings) of generated environments at 2,000, 5,000 and 20,000
 * ENIs: median time of several runs, ms per 1,000 ENIs (how cost grows), and memory (RSS and heap
 * growth over the run, after a GC). Target on a 2-core machine: 20k ENIs under 3 s and 1 GiB.
 * Run: npm run bench -- analysis   (bench/run.ts passes --expose-gc).
 */
import { generateDemoVersions } from '../server/demo/generateDemoVersions.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { analyzeSnapshot } from '../server/analysis/analyzeSnapshot.ts'

const SIZES = [2000, 5000, 20000]
const RUNS = 3
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`

// The machine is shared: CPU time (user + system, GC threads included) is printed next to wall time.
process.stdout.write(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs\n`)
const rows: string[] = []
for (const scale of SIZES) {
  const versions = generateDemoVersions({ scale })
  const snapshot = normalize(versions[versions.length - 1])
  const enis = snapshot.resources.filter((r) => r.kind === 'network-interface').length
  const sgs = snapshot.resources.filter((r) => r.kind === 'security-group').length
  const times: number[] = []
  const cpus: number[] = []
  let peakRss = 0, heapGrowth = 0, exposures = 0, blocked = 0, findings = 0
  for (let i = 0; i < RUNS; i++) {
    gc()
    const heap0 = process.memoryUsage().heapUsed
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const a = analyzeSnapshot(snapshot)
    times.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpus.push((c.user + c.system) / 1000)
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    heapGrowth = Math.max(heapGrowth, m.heapUsed - heap0)
    exposures = a.exposure.exposures.length; blocked = a.exposure.blocked.length; findings = a.findings.length
  }
  times.sort((x, y) => x - y)
  const median = times[Math.floor(times.length / 2)]
  cpus.sort((x, y) => x - y)
  const cpu = cpus[Math.floor(cpus.length / 2)]
  rows.push(`${String(enis).padStart(6)} ENIs ${String(sgs).padStart(5)} SGs  median ${median.toFixed(0).padStart(6)} ms  (runs ${times.map((t) => t.toFixed(0)).join(', ')}; CPU ${cpu.toFixed(0)} ms)  ${(median / (enis / 1000)).toFixed(1).padStart(6)} ms/1k ENIs  RSS ${mb(peakRss)}  heap +${mb(heapGrowth)}  exposures ${exposures}, blocked ${blocked}, findings ${findings}`)
  process.stdout.write(rows[rows.length - 1] + '\n')
}
