import { describe, expect, it } from 'vitest'
import type { Attribution, Snapshot, VersionSummary } from '../../shared/index.ts'
import { analyzeSnapshot } from '../../server/analysis/analyzeSnapshot.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { formatReportHtml } from '../../server/report/formatReportHtml.ts'
import { formatReportMarkdown } from '../../server/report/formatReportMarkdown.ts'
import { incidentReport } from '../../server/report/incidentReport.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { parseXml } from './exportXml.ts'

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>&amp;\u001b[2J'
const inventories = generateDemoVersions({})
const from = normalize(inventories[0]!)
const to: Snapshot = structuredClone(normalize(inventories[1]!))
const bastion = to.resources.find((r) => r.name === 'prod-bastion-sg')!
bastion.name = HOSTILE
bastion.tags = { ...bastion.tags, owner: HOSTILE }
const version = (id: string, createdAt: string): VersionSummary =>
  ({ id, env: 'demo', createdAt, checkedAt: createdAt, hash: 'h' + id, parent: null, source: 'demo', counts: {}, warnings: [] })
const attribution: Attribution = {
  env: 'demo', from: '1', to: '2', window: { start: '2026-11-28T00:00:00.000Z', end: '2026-11-29T00:00:00.000Z' }, lookedUpAt: '2026-12-01T00:00:00.000Z',
  resources: [{ resourceId: bastion.id, account: bastion.account, region: bastion.region, state: 'found', events: [{
    eventId: 'e1', eventTime: '2026-11-28T02:07:12.000Z', eventName: 'AuthorizeSecurityGroupIngress', eventSource: 'ec2.amazonaws.com',
    principalArn: 'arn:aws:sts::123456789012:assumed-role/Admin/mallory', sourceIp: '198.51.100.7', userAgent: HOSTILE,
  }] }],
}
const diff = diffVersions({ id: '1', snapshot: from }, { id: '2', snapshot: to })
const report = incidentReport({
  env: 'demo', from: { version: version('1', '2026-11-28T00:00:00.000Z'), snapshot: from }, to: { version: version('2', '2026-11-29T00:00:00.000Z'), snapshot: to },
  diff, findings: analyzeSnapshot(to).findings, attribution, now: new Date('2026-12-02T10:00:00.000Z'),
})

describe('incident report', () => {
  it('HTML: well-formed, no script or event handler or external resource, untrusted text escaped, every section present', () => {
    const html = formatReportHtml(report)
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true)
    const elements = parseXml(html.slice('<!DOCTYPE html>\n'.length))
    const names = new Set(elements.map((e) => e.name))
    expect(names.has('script')).toBe(false)
    expect(names.has('img')).toBe(false)
    expect(elements.some((e) => Object.keys(e.attrs).some((a) => /^on/i.test(a)))).toBe(false)
    expect(elements.some((e) => Object.values(e.attrs).some((v) => /^(https?:|javascript:)/i.test(v) && e.name !== 'svg' && e.name !== 'html'))).toBe(false)
    expect(elements.find((e) => e.name === 'meta' && e.attrs['http-equiv'] === 'Content-Security-Policy')!.attrs.content).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    expect(elements.filter((e) => e.name === 'h2').map((e) => e.text)).toEqual(
      ['Exposure changes', 'Resource changes', 'Relationship changes', 'The changed area', 'Findings at version 2'])
    // The hostile name is text, in the table and in the diagram, never markup.
    expect(elements.some((e) => e.name === 'td' && e.text.includes('<script>alert(1)</script>'))).toBe(true)
    expect(elements.some((e) => e.name === 'text' && e.text.includes('<script>alert(1)'))).toBe(true)
    expect(html).not.toContain('\u001b')
    // Who changed it sits beside the group's row, user agent escaped.
    const row = elements.find((e) => e.name === 'tr' && elements.some((c) => c.parent === e && c.name === 'td' && c.text === 'security-group'))!
    const cells = elements.filter((c) => c.parent === row && c.name === 'td')
    expect(cells[cells.length - 1]!.text).toContain('who: AuthorizeSecurityGroupIngress at 2026-11-28T02:07:12Z by arn:aws:sts::123456789012:assumed-role/Admin/mallory from 198.51.100.7 (<script>')
    // The diagram marks the changed group (amber) and the newly exposed interface (red).
    const svgTexts = elements.filter((e) => e.name === 'text').map((e) => e.text)
    expect(svgTexts.some((t) => t.startsWith('~ security-group'))).toBe(true)
    expect(svgTexts.filter((t) => t.startsWith('! network-interface'))).toHaveLength(diff.exposure.length)
    expect(svgTexts.some((t) => t.startsWith('VPC prod'))).toBe(true)
  })

  it('Markdown: escaped text, the diagram as an inline SVG data URI, findings of the TO version', () => {
    const md = formatReportMarkdown(report)
    expect(md).toMatch(/^# Incident report: demo\n/)
    expect(md).not.toContain('<script>')
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(md).toContain('| Changed by |')
    const uri = /!\[The changed area[^\]]*\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/.exec(md)
    expect(uri).not.toBeNull()
    const svg = Buffer.from(uri![1]!, 'base64').toString('utf8')
    expect(parseXml(svg)[0]!.name).toBe('svg')
    expect(svg).toBe(report.svg)
    const critical = report.findings.filter((f) => f.severity === 'critical')
    expect(critical.length).toBeGreaterThan(0)
    for (const f of critical) expect(md).toContain(`| critical | ${f.check} |`)
  })

  it('without attribution, says it was not looked up; with no changes, the diagram says so', () => {
    const same = diffVersions({ id: '1', snapshot: from }, { id: '1', snapshot: from })
    const r = incidentReport({ env: 'demo', from: { version: version('1', 'a'), snapshot: from }, to: { version: version('1', 'a'), snapshot: from },
      diff: same, findings: [], now: new Date(0) })
    const html = formatReportHtml(r)
    expect(html).toContain('Who made the changes was not looked up')
    expect(parseXml(r.svg).filter((e) => e.name === 'text').map((e) => e.text)).toEqual(['No changes.'])
    expect(formatReportMarkdown(r)).toContain('No findings.')
  })
})
