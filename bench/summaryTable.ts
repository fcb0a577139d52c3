import type { BenchSummary, ScaleSummary, StartupSummary, WebSummary } from './summaryLine.ts'

const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? 'n/a' : `${Math.round(x).toLocaleString('en-US')} ms`)

/**
 * The markdown table `npm run bench` ends with (pure): one row per size with what the scale and web
 * benchmarks measured there, and the CLI start-up under it. A size a benchmark did not run reads n/a.
 */
export function summaryTable(summaries: readonly BenchSummary[]): string {
  const scale = summaries.filter((s): s is ScaleSummary => s.kind === 'scale')
  const web = summaries.filter((s): s is WebSummary => s.kind === 'web')
  const startup = summaries.find((s): s is StartupSummary => s.kind === 'startup')
  const sizes = [...new Set([...scale.map((s) => Math.round(s.enis / 1000)), ...web.map((s) => Math.round(s.enis / 1000))])].sort((a, b) => a - b)
  const rows = [
    '| ENIs | diff, 1 % changed (`vpclens diff --json`) | analysis: incremental / full | write one version (normalize + record) | snapshot read | first diagram (Chromium) | overview zoom + pan |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const k of sizes) {
    const s = scale.find((x) => Math.round(x.enis / 1000) === k)
    const w = web.find((x) => Math.round(x.enis / 1000) === k)
    rows.push(`| ${(k * 1000).toLocaleString('en-US')} | ${s ? `${ms(s.diffMs)}${s.diffRssMb === undefined ? '' : `, ${Math.round(s.diffRssMb)} MB`}` : 'n/a'} | ${s ? `${ms(s.incrementalMs)} / ${ms(s.fullMs)}` : 'n/a'} | ${s ? `${ms(s.normalizeMs + s.recordMs)} (${ms(s.normalizeMs)} + ${ms(s.recordMs)})` : 'n/a'} | ${s ? ms(s.readMs) : 'n/a'} | ${w ? ms(w.firstMs) : 'n/a'} | ${w ? `${w.overviewFps.toFixed(1)} fps (p50 ${w.overviewP50.toFixed(1)} ms)` : 'n/a'} |`)
  }
  const lines = [...rows, '']
  if (startup) {
    lines.push(`CLI start-up (compiled, a new process each): ${Object.entries(startup.commands).map(([c, t]) => `\`vpclens ${c}\` ${ms(t)}`).join(', ')}; \`node -e 0\` ${ms(startup.floorMs)}`, '')
  }
  const phased = web.filter((w) => Object.keys(w.phases).length > 0)
  for (const w of phased) lines.push(`first diagram at ${w.enis.toLocaleString('en-US')} ENIs, ms from navigation: ${Object.entries(w.phases).filter(([, v]) => Number.isFinite(v)).map(([p, v]) => `${p} ${Math.round(v)}`).join(' · ')} · first frame ${Math.round(w.firstMs)}`)
  if (phased.length > 0) lines.push('')
  return `${lines.join('\n')}\n`
}
