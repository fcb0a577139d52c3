/**
 * Every entry of the Export menu, in a real browser against `vpclens serve` with the demo: each
 * produces a download (Playwright's download event) whose content is checked — PNG signature, SVG
 * and draw.io parsed by the browser's own DOMParser, JSON against the API, CSV rows against the
 * analysis routes. (Escaping of hostile names in each format is covered by test/unit/export.test.ts.)
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ExposureReport, FindingsReport, Graph, SecurityGraph, VersionSummary } from '../../shared/index.ts'
import { buildWeb } from './support/buildWeb.ts'
import { launchBrowser } from './support/launchBrowser.ts'
import { REPO, startServer, type RunningServer } from './support/startServer.ts'
import { demoStoreCopy } from './support/demoStoreCopy.ts'

const RESULTS = join(REPO, 'test-results')
let dataDir: string
let server: RunningServer
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let version: string
let graph: Graph
const base = () => `/api/environments/demo/versions/${version}`

const api = async <T,>(path: string): Promise<T> => {
  const res = await fetch(new URL(path, server.url))
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

/** Opens the menu, clicks an entry and returns the downloaded file's name and bytes. */
async function exportFile(id: string): Promise<{ name: string; body: Buffer }> {
  await page.getByTestId('export-menu').click()
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`export-${id}`).click()])
  // Read through Playwright: the shared browser is a connected one, whose downloads have no local path.
  const chunks: Buffer[] = []
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
  expect(await download.failure()).toBeNull()
  return { name: download.suggestedFilename(), body: Buffer.concat(chunks) }
}

/** Parses XML with the browser's DOMParser: the root's name, or the parser's error. */
const parseInBrowser = (xml: string, type: 'image/svg+xml' | 'application/xml') => page.evaluate(({ xml, type }) => {
  const doc = new DOMParser().parseFromString(xml, type)
  const error = doc.getElementsByTagName('parsererror')[0]
  return { error: error ? error.textContent : null, root: doc.documentElement.nodeName }
}, { xml, type })

beforeAll(async () => {
  await buildWeb()
  mkdirSync(RESULTS, { recursive: true })
  dataDir = await demoStoreCopy('e2e-exports')
  server = await startServer(dataDir)
  const versions = (await api<{ versions: VersionSummary[] }>('/api/environments/demo/versions')).versions
  version = versions.at(-1)!.id
  graph = await api<Graph>(`${base()}/graph`)
  browser = await launchBrowser()
  page = browser.page
  await page.goto(server.url)
  await page.locator(`[data-testid="workspace"][data-version="${version}"]`).waitFor({ timeout: 30_000 })
  await page.waitForFunction(() => (window.__vpclens?.cy.nodes().length ?? 0) > 0)
})

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: join(RESULTS, `exports-failed-${ctx.task.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
  }
  expect(browser.dialogs).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('exports', () => {
  it('PNG: an image of the diagram', async () => {
    const { name, body } = await exportFile('png')
    expect(name).toBe(`vpclens-demo-v${version}.png`)
    expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    // IHDR: a real picture, not a 1×1 placeholder.
    expect(body.readUInt32BE(16)).toBeGreaterThan(400)
    expect(body.readUInt32BE(20)).toBeGreaterThan(100)
  })

  it('SVG: parses, draws every node of the view with its label as text', async () => {
    const { name, body } = await exportFile('svg')
    expect(name).toBe(`vpclens-demo-v${version}.svg`)
    const svg = body.toString('utf8')
    expect(await parseInBrowser(svg, 'image/svg+xml')).toEqual({ error: null, root: 'svg' })
    const ids = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      return [...doc.querySelectorAll('g[data-id]')].map((g) => g.getAttribute('data-id'))
    }, svg)
    expect(new Set(ids)).toEqual(new Set(graph.nodes.map((n) => n.id)))
    expect(svg).toContain('<line ')
    expect(svg).not.toMatch(/<(script|img|foreignObject)/i)
  })

  it('JSON: the graph as the API serves it', async () => {
    const { name, body } = await exportFile('json')
    expect(name).toBe(`vpclens-demo-v${version}-graph.json`)
    expect(JSON.parse(body.toString('utf8'))).toEqual(graph)
  })

  it('draw.io: parses as XML, keeps every resource id and the nesting', async () => {
    const { name, body } = await exportFile('drawio')
    expect(name).toBe(`vpclens-demo-v${version}.drawio`)
    const xml = body.toString('utf8')
    expect(await parseInBrowser(xml, 'application/xml')).toEqual({ error: null, root: 'mxfile' })
    const cells = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml')
      return [...doc.querySelectorAll('object')].map((o) => {
        const cell = o.querySelector('mxCell')!
        return { id: o.getAttribute('id')!, vpclensId: o.getAttribute('vpclensId')!, parent: cell.getAttribute('parent')!, vertex: cell.getAttribute('vertex') === '1' }
      })
    }, xml)
    const byCell = new Map(cells.map((c) => [c.id, c]))
    const vertices = cells.filter((c) => c.vertex)
    expect(new Set(vertices.map((c) => c.vpclensId))).toEqual(new Set(graph.nodes.map((n) => n.id)))
    expect(cells.filter((c) => !c.vertex).map((c) => c.vpclensId).sort()).toEqual(graph.edges.map((e) => e.id).sort())
    // Resource → subnet → AZ → VPC, through parent cells.
    const eni = graph.nodes.find((n) => n.kind === 'network-interface')!
    const chain: string[] = []
    for (let c = vertices.find((v) => v.vpclensId === eni.id); c; c = byCell.get(c.parent)) chain.push(c.vpclensId)
    const subnet = graph.nodes.find((n) => n.id === eni.parent)!
    const az = graph.nodes.find((n) => n.id === subnet.parent)!
    expect(chain).toEqual([eni.id, subnet.id, az.id, az.parent])
  })

  it('CSV: findings, exposures and security-group rules, one row each', async () => {
    const findings = (await api<FindingsReport>(`${base()}/findings`)).findings
    const exposures = (await api<ExposureReport>(`${base()}/exposure`)).exposures
    const groups = (await api<SecurityGraph>(`${base()}/security-graph`)).groups
    expect(findings.length).toBeGreaterThan(0)
    expect(exposures.length).toBeGreaterThan(0)

    const f = await exportFile('findings')
    expect(f.name).toBe(`vpclens-demo-v${version}-findings.csv`)
    const ftext = f.body.toString('utf8')
    expect(ftext.split('\r\n')[0]).toBe('severity,check,title,resources,ports,sources,detail,id,accepted')
    for (const x of findings) expect(ftext, x.id).toContain(x.id)

    const e = await exportFile('exposure')
    const etext = e.body.toString('utf8')
    expect(etext.split('\r\n')[0]).toContain('severity,network_interface,resource')
    for (const x of exposures) expect(etext, x.id).toContain(x.id)
    expect(etext.split('\r\n').filter((l) => l !== '')).toHaveLength(exposures.length + 1)

    const r = await exportFile('rules')
    const rtext = r.body.toString('utf8')
    const rows = rtext.split('\r\n').filter((l) => l !== '')
    expect(rows[0]).toBe('group,group_name,vpc,direction,ports,peer,peer_kind,peer_name,peering,description,rule_id')
    const ruleIds = groups.flatMap((g) => [...g.ingress, ...g.egress].map((x) => x.id))
    expect(rows).toHaveLength(ruleIds.length + 1)
    for (const id of ruleIds) expect(rtext).toContain(id)
    // No cell starts a formula.
    for (const line of rows) for (const cell of line.split(',')) expect(cell, line).not.toMatch(/^[=+\-@]/)
  })
})
