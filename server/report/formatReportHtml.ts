import type { Attribution, ResourceAttribution } from '../../shared/index.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { attributionHeading, attributionLines } from '../attribution/formatAttribution.ts'
import { fieldText, portsText } from '../diff/formatDiffText.ts'
import { escapeXml } from './escapeXml.ts'
import type { IncidentReport } from './incidentReport.ts'

const LIMIT = 500
const e = escapeXml

/** A table; cells are already-escaped HTML. */
function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') + '</tbody></table>'
}
const lines = (list: string[]) => list.map(e).join('<br/>') || '–'
const more = (n: number) => (n > LIMIT ? `<p>… and ${n - LIMIT} more (see <code>vpclens diff --json</code>).</p>` : '')
const who = (a: Map<string, ResourceAttribution>, id: string) => (a.has(id) ? lines(attributionLines(a.get(id)!)) : '–')

/**
 * The incident report as one HTML file: no script, no external resource, a Content-Security-Policy
 * that forbids both, every AWS-supplied text escaped, the changed area as inline SVG. It is also
 * well-formed XML (tests parse it strictly).
 */
export function formatReportHtml(r: IncidentReport): string {
  const d = r.diff
  const attribution: Attribution | undefined = r.attribution
  const byId = new Map((attribution?.resources ?? []).map((x) => [x.resourceId, x]))
  const s = d.summary
  const body = [
    `<h1>Incident report: ${e(r.env)}</h1>`,
    `<p>From version ${e(r.from.id)} (recorded ${e(r.from.createdAt)}) to version ${e(r.to.id)} (recorded ${e(r.to.createdAt)}); ` +
      `generated ${e(r.generatedAt)} by vpclens.</p>`,
    `<p class="summary">Highest severity: <strong>${e(s.highestSeverity ?? 'none')}</strong> · ${s.exposure} exposure change(s) · ` +
      `${s.added} added · ${s.removed} removed · ${s.modified} modified · ${s.relationships} relationship change(s)</p>`,
    attribution
      ? `<p>Who changed what: ${e(attributionHeading(attribution))}.</p>`
      : '<p>Who made the changes was not looked up (run <code>vpclens report</code> with <code>--attribute</code> to read AWS CloudTrail).</p>',
    '<h2>Exposure changes</h2>',
    d.exposure.length === 0 ? '<p>None.</p>' : table(['Severity', 'Change', 'Resource', 'Ports', 'Sources', 'Caused by', 'Changed by'],
      d.exposure.slice(0, LIMIT).map((x) => [`<span class="sev-${x.severity}">${x.severity}</span>`, x.change, `<code>${e(x.resourceId)}</code>`,
        e(portsText(x)), e(sourcesText(x.sources)), lines(x.causes.map((c) => c.summary)),
        lines(x.causes.flatMap((c) => (byId.has(c.resourceId) ? attributionLines(byId.get(c.resourceId)!) : [])))])) + more(d.exposure.length),
    '<h2>Resource changes</h2>',
    d.resources.length === 0 ? '<p>None.</p>' : table(['Severity', 'Change', 'Kind', 'Resource', 'Rule changes', 'Field changes', 'Changed by'],
      d.resources.slice(0, LIMIT).map((x) => [`<span class="sev-${x.severity}">${x.severity}</span>`, x.change, x.kind,
        `<code>${e(x.id)}</code>${x.name ? ` ${e(x.name)}` : ''}`, lines(x.rules.map((c) => c.summary)), lines(x.fields.map(fieldText)),
        who(byId, x.id)])) + more(d.resources.length),
    '<h2>Relationship changes</h2>',
    d.relationships.length === 0 ? '<p>None.</p>' : table(['Severity', 'Change', 'Changed by'],
      d.relationships.slice(0, LIMIT).map((x) => [x.severity, e(x.summary), who(byId, x.resourceId)])) + more(d.relationships.length),
    '<h2>The changed area</h2>',
    `<figure>${r.svg}</figure>`,
    `<h2>Findings at version ${e(r.to.id)}</h2>`,
    r.findings.length === 0 ? '<p>None.</p>' : table(['Severity', 'Check', 'Resources', 'Finding', 'Detail'],
      r.findings.slice(0, LIMIT).map((f) => [`<span class="sev-${f.severity}">${f.severity}</span>`, e(f.check),
        f.resourceIds.slice(0, 3).map((id) => `<code>${e(id)}</code>`).join(' '), e(f.title), e(f.detail)])) + more(r.findings.length),
  ]
  return '<!DOCTYPE html>\n' +
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/>' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>` +
    `<title>vpclens incident report: ${e(r.env)} ${e(r.from.id)} → ${e(r.to.id)}</title>` +
    `<style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`
}

const CSS = 'body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse;margin:.5rem 0 1rem}' +
  'th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}code{font-size:12px}' +
  '.sev-critical{color:#fff;background:#a40e26;padding:0 4px}.sev-high{color:#fff;background:#cf222e;padding:0 4px}' +
  '.sev-medium{background:#fff8c5;padding:0 4px}figure{margin:0;overflow:auto}'
