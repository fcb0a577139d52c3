/**
 * The web app in Chromium (playwright-core, /usr/bin/chromium, SwiftShader WebGL) against a real
 * `vpclens serve` holding `vpclens demo --scale N` for N = 2,000, 5,000 and 20,000 ENIs:
 *  - first interactive diagram: navigation start → the first frame after the diagram's elements are
 *    in (the app's `vpclens:first-diagram` performance mark; the progress overlay is gone by then);
 *  - zoom and pan at overview scale for 4 s, driven by requestAnimationFrame as in
 *    ../shared/examples/cytoscape-bench: rAF intervals (fps, p50, p95) and Cytoscape's own redraw
 *    CPU time (`cy.renderer().lastRedrawTime`);
 *  - the same, zoomed in on the first subnet with the subnets in view expanded;
 *  - the Security view's first diagram (a fresh page opened on view=security; same mark);
 *  - in Node, the graph's response check: the build-time generated validator the web ships against
 *    TypeBox's interpreted checker it replaced.
 * Also the phases of the first diagram (script loaded, first API request, graph received and checked,
 * laid out, LOD indexed, elements added, fitted: marks the app sets), medians.
 * Medians of RUNS fresh page loads per size (the server's graph cache warmed first; its cold time is
 * printed apart), the ratio 20,000 : 2,000, and the load average next to the figures: the machine is
 * shared. Never fails on a time.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { Value } from 'typebox/value'
import { Graph } from '../shared/index.ts'
import { validatorModule } from '../web/plugins/compiledValidators.ts'
import { buildWeb } from '../test/e2e/support/buildWeb.ts'
import { REPO, startServer } from '../test/e2e/support/startServer.ts'
import { printSummary } from './summaryLine.ts'

const SIZES = (process.env.VPCLENS_BENCH_SIZES ?? '2000,5000,20000').split(',').map(Number)
const RUNS = Number(process.env.VPCLENS_BENCH_RUNS ?? 3)
const FRAME_MS = 4000

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2 }
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ')
const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a')

interface Frames { fps: number; p50: number; p95: number; redrawMean: number; redraws: number; elements: number }

/** Zoom/pan oscillation around the current viewport for `ms`, sampled with rAF (cytoscape-bench's run-bench.js). */
function measureFrames(page: Page, ms: number, amplitude: number): Promise<Frames> {
  return page.evaluate(async ({ ms, amplitude }) => {
    const cy = window.__vpclens!.cy
    const r = (cy as unknown as { renderer: () => { redrawCount?: number; lastRedrawTime?: number } }).renderer()
    const stamps: number[] = [], redraw: number[] = []
    const z0 = cy.zoom(), p0 = cy.pan(), t0 = performance.now()
    await new Promise<void>((done) => {
      let last = r.redrawCount ?? 0
      const frame = (ts: number) => {
        stamps.push(ts)
        if ((r.redrawCount ?? 0) !== last) { redraw.push(r.lastRedrawTime ?? 0); last = r.redrawCount ?? 0 }
        const k = (ts - t0) / 1000
        cy.viewport({ zoom: z0 * (1 + amplitude * Math.sin(k * 2)), pan: { x: p0.x - 150 * Math.sin(k), y: p0.y + 50 * Math.cos(k) } })
        if (ts - t0 < ms) requestAnimationFrame(frame)
        else done()
      }
      requestAnimationFrame(frame)
    })
    cy.viewport({ zoom: z0, pan: p0 })
    const iv = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b)
    const q = (p: number) => iv[Math.min(iv.length - 1, Math.floor(p * iv.length))]
    return {
      fps: (1000 * (stamps.length - 1)) / (stamps[stamps.length - 1] - stamps[0]), p50: q(0.5), p95: q(0.95),
      redrawMean: redraw.length ? redraw.reduce((a, b) => a + b, 0) / redraw.length : NaN, redraws: redraw.length,
      elements: cy.elements().length,
    }
  }, { ms, amplitude })
}

/** The web's generated graph checker, loaded in Node (written under .bench-out so it resolves typebox). */
async function compiledGraphCheck(): Promise<(value: unknown) => boolean> {
  const dir = join(REPO, '.bench-out')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'validateGraph.mjs')
  writeFileSync(file, validatorModule('Graph'))
  return ((await import(pathToFileURL(file).href)) as { Check: (value: unknown) => boolean }).Check
}

/** Median ms of `runs` calls of `f` (which must return true: a check that fails is not timed). */
function timeCheck(f: () => boolean, runs: number): number {
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    if (!f()) throw new Error('the demo graph does not pass its own schema')
    ms.push(performance.now() - t)
  }
  return median(ms)
}

async function main() {
  await buildWeb()
  const checkGraph = await compiledGraphCheck()
  const common = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info']
  // Two ways to run without a GPU: software 2D canvas (--disable-gpu; WebGL2 still comes from
  // SwiftShader if the app asks for it), and everything through SwiftShader (the research harness's
  // setup, rendering-research.md §8), where 2D canvas is GPU-accelerated on an emulated GPU.
  const configs = [
    { name: 'software 2D (--disable-gpu)', args: [...common, '--disable-gpu'] },
    { name: 'SwiftShader GPU emulation', args: [...common, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] },
  ].filter((c) => !process.env.VPCLENS_BENCH_CONFIG || c.name.startsWith(process.env.VPCLENS_BENCH_CONFIG))
  const browsers = await Promise.all(configs.map((c) => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: c.args })))
  const summary: Record<string, { first: number; overviewP50: number; overviewFps: number; security: number }> = {}
  try {
    for (const size of SIZES) {
      const dataDir = mkdtempSync(join(tmpdir(), `vpclens-bench-web-${size}-`))
      try {
        let t = performance.now()
        execFileSync(process.execPath, ['bin/vpclens.mjs', 'demo', '--scale', String(size), '--data-dir', dataDir], { cwd: REPO, stdio: 'pipe', timeout: 900_000 })
        const demoS = (performance.now() - t) / 1000
        const server = await startServer(dataDir)
        try {
          const env = `demo-${size}`
          t = performance.now()
          const res = await fetch(new URL(`/api/environments/${env}/versions/latest/graph`, server.url))
          const raw = await res.arrayBuffer()
          const bytes = raw.byteLength
          const coldMs = performance.now() - t
          t = performance.now()
          await (await fetch(new URL(`/api/environments/${env}/versions/latest/graph`, server.url))).arrayBuffer()
          const warmMs = performance.now() - t
          process.stdout.write(`\n${size} ENIs: demo generated in ${demoS.toFixed(0)} s; graph ${(bytes / 1e6).toFixed(1)} MB, server ${coldMs.toFixed(0)} ms cold / ${warmMs.toFixed(0)} ms warm; load ${load()}\n`)
          const body = JSON.parse(new TextDecoder().decode(raw)) as unknown
          const compiledMs = timeCheck(() => checkGraph(body), 5), interpretedMs = timeCheck(() => Value.Check(Graph, body), 3)
          process.stdout.write(`  graph response check in Node (median): build-time compiled ${f(compiledMs, 1)} ms, interpreted (before) ${f(interpretedMs, 1)} ms: ${f(interpretedMs / compiledMs, 1)}× faster\n`)
          for (const [ci, config] of configs.entries()) {
          const browser = browsers[ci]
          const phaseRuns: Record<string, number>[] = []
          const firsts: number[] = [], heaps: number[] = [], over: Frames[] = [], zoomed: Frames[] = [], security: number[] = []
          let securityDrawn = 0
          let webgl = false, zoomedWebgl = false, drawn = 0, nodes = 0
          for (let run = 0; run < RUNS; run++) {
            const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
            page.on('pageerror', (e) => process.stdout.write(`  [pageerror] ${e.message}\n`))
            // tsx compiles the functions handed to page.evaluate with esbuild's __name helper.
            await page.addInitScript({ content: 'window.__name = (f) => f' })
            await page.goto(`${server.url}/?env=${env}`, { waitUntil: 'commit' })
            await page.waitForFunction(() => performance.getEntriesByName('vpclens:first-diagram').length > 0, null, { timeout: 300_000, polling: 100 })
            const info = await page.evaluate(() => {
              const cy = window.__vpclens!.cy
              const r = (cy as unknown as { renderer: () => { data: { contexts: unknown[] } } }).renderer()
              // Where the time went: marks the app sets (graph checked, laid out, …) and resource timings.
              const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN
              const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
              const script = resources.find((r) => /\/assets\/.*\.js$/.test(r.name))
              const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'))
              const graph = api.find((r) => /\/graph$/.test(new URL(r.name).pathname))
              const phases: Record<string, number> = {
                'script loaded': script?.responseEnd ?? NaN,
                'first request': api.length ? Math.min(...api.map((r) => r.startTime)) : NaN,
                'graph received': graph?.responseEnd ?? NaN,
                'graph checked': mark('vpclens:graph-checked'),
                'laid out': mark('vpclens:laid-out'),
                'LOD indexed': mark('vpclens:lod-indexed'),
                'elements added': mark('vpclens:elements-added'),
                fitted: mark('vpclens:fitted'),
              }
              return {
                phases,
                first: performance.getEntriesByName('vpclens:first-diagram')[0].startTime,
                webgl: typeof WebGL2RenderingContext !== 'undefined' && r.data.contexts[3] instanceof WebGL2RenderingContext,
                drawn: cy.elements().length,
                heap: (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN,
              }
            })
            firsts.push(info.first); heaps.push(info.heap / 1048576); phaseRuns.push(info.phases)
            webgl = info.webgl; drawn = info.drawn
            await page.waitForTimeout(1000)
            // Overview: around the fitted zoom, never reaching the zoom at which subnets expand.
            over.push(await measureFrames(page, FRAME_MS, 0.6))
            // Zoomed in on the first subnet, with the subnets in view expanded.
            // (Expanding may switch the renderer to WebGL mode, which re-creates the instance: re-read it.)
            const zoomedIn = await page.evaluate(async () => {
              const cy0 = window.__vpclens!.cy
              const s = cy0.nodes('.subnet.collapsed').first()
              const p = s.position(), zoom = 0.4
              cy0.viewport({ zoom, pan: { x: cy0.width() / 2 - p.x * zoom, y: cy0.height() / 2 - p.y * zoom } })
              for (let i = 0; i < 150 && window.__vpclens!.cy.nodes(`[parent = "${s.id()}"]`).length === 0; i++) await new Promise((r) => setTimeout(r, 100))
              const cy = window.__vpclens!.cy
              const r = (cy as unknown as { renderer: () => { data: { contexts: unknown[] } } }).renderer()
              return { nodes: cy.nodes().length, webgl: typeof WebGL2RenderingContext !== 'undefined' && r.data.contexts[3] instanceof WebGL2RenderingContext }
            })
            nodes = zoomedIn.nodes
            zoomedWebgl = zoomedIn.webgl
            await page.waitForTimeout(1000)
            zoomed.push(await measureFrames(page, FRAME_MS, 0.2))
            await page.close()
            // The Security view, on a fresh page.
            const sec = await browser.newPage({ viewport: { width: 1400, height: 900 } })
            await sec.addInitScript({ content: 'window.__name = (f) => f' })
            await sec.goto(`${server.url}/?env=${env}&view=security`, { waitUntil: 'commit' })
            await sec.waitForFunction(() => performance.getEntriesByName('vpclens:first-diagram').length > 0, null, { timeout: 300_000, polling: 100 })
            const s = await sec.evaluate(() => ({ first: performance.getEntriesByName('vpclens:first-diagram')[0].startTime, drawn: window.__vpclens!.cy.elements().length }))
            security.push(s.first)
            securityDrawn = s.drawn
            await sec.close()
          }
          const m = (xs: Frames[], k: keyof Frames) => median(xs.map((x) => x[k]))
          const phases = Object.fromEntries(Object.keys(phaseRuns[0] ?? {}).map((k) => [k, median(phaseRuns.map((p) => p[k]!))]))
          process.stdout.write(
            `  [${config.name}] renderer at overview: ${webgl ? 'WebGL' : 'canvas'}; ${drawn} elements drawn at overview, ${nodes} nodes when zoomed in; JS heap ${f(median(heaps))} MB\n`
            + `  first interactive diagram (median of ${RUNS}): ${f(median(firsts))} ms   [runs: ${firsts.map((x) => f(x)).join(', ')}]\n`
            + `  phases, ms from navigation (medians): ${Object.entries(phases).filter(([, v]) => Number.isFinite(v)).map(([k, v]) => `${k} ${f(v)}`).join(' · ')} · first frame ${f(median(firsts))}\n`
            + `  zoom+pan at overview:  ${f(m(over, 'fps'), 1)} fps, frame p50 ${f(m(over, 'p50'), 1)} ms, p95 ${f(m(over, 'p95'), 1)} ms, redraw CPU ${f(m(over, 'redrawMean'), 1)} ms/frame\n`
            + `  zoom+pan zoomed in (subnets in view expanded, ${zoomedWebgl ? 'WebGL' : 'canvas'}): ${f(m(zoomed, 'fps'), 1)} fps, frame p50 ${f(m(zoomed, 'p50'), 1)} ms, p95 ${f(m(zoomed, 'p95'), 1)} ms, redraw CPU ${f(m(zoomed, 'redrawMean'), 1)} ms/frame, ${f(m(zoomed, 'elements'))} elements\n`
            + `  Security view first diagram (median of ${RUNS}): ${f(median(security))} ms, ${securityDrawn} elements drawn   [runs: ${security.map((x) => f(x)).join(', ')}]\n`
            + `  load average after: ${load()}\n`,
          )
          summary[`${size}|${config.name}`] = { first: median(firsts), overviewP50: m(over, 'p50'), overviewFps: m(over, 'fps'), security: median(security) }
          if (ci === 0) printSummary({ kind: 'web', enis: size, config: config.name, firstMs: median(firsts), overviewFps: m(over, 'fps'), overviewP50: m(over, 'p50'), phases })
          }
        } finally {
          await server.stop()
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true })
      }
    }
  } finally {
    await Promise.all(browsers.map((b) => b.close()))
  }
  for (const config of configs) {
    const [a, b] = [summary[`${SIZES[0]}|${config.name}`], summary[`20000|${config.name}`]]
    if (!a || !b) continue
    const small = SIZES[0].toLocaleString('en-US')
    process.stdout.write(`\n[${config.name}] ratio 20,000 : ${small} ENIs — first interactive diagram ${(b.first / a.first).toFixed(2)}×, overview frame p50 ${(b.overviewP50 / a.overviewP50).toFixed(2)}× (${f(a.overviewFps, 1)} → ${f(b.overviewFps, 1)} fps), Security view first diagram ${(b.security / a.security).toFixed(2)}×\n`)
    process.stdout.write(`[${config.name}] targets: first interactive diagram of 20,000 ENIs < 3,000 ms: ${b.first < 3000 ? 'met' : 'NOT met'} (${f(b.first)} ms); overview zoom/pan > 20 fps: ${b.overviewFps > 20 ? 'met' : 'NOT met'} (${f(b.overviewFps, 1)} fps)\n`)
  }
}

await main()
