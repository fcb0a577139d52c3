import type { Attribution, Diff } from '../../shared/index.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { attributionById, attributionHeading, attributionLines } from '../attribution/formatAttribution.ts'
import { type DiffTitle, fieldText, portsText } from './formatDiffText.ts'
import { terminalText } from '../terminalText.ts'

/**
 * Untrusted text (names, tags, descriptions) inside a Markdown table cell: no HTML, no links or
 * emphasis, no table breaks, one line, and no @-mentions or autolinked URLs (zero-width spaces).
 */
export function escapeMarkdown(s: string): string {
  // Controls (C0, DEL and C1) shown escaped, as in the terminal; the backslash is then escaped for Markdown.
  return terminalText(s)
    .replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    // GitHub links bare URLs too: a zero-width space keeps them text.
    .replace(/:\/\//g, ':/\u200b/').replace(/www\./gi, (w) => `${w.slice(0, 3)}\u200b.`)
}

const code = (s: string) => `\`${terminalText(s).replace(/`/g, '?')}\``
const LIMIT = 50
const sev = (s: string) => (s === 'critical' || s === 'high' ? `**${s}**` : s)

/** `vpclens diff --markdown`: a pull-request comment, security-relevant changes first; with who changed what. */
export function formatDiffMarkdown(diff: Diff, title: DiffTitle, attribution?: Attribution): string {
  const who = attributionById(attribution)
  const whoCell = (id: string) => (who.has(id) ? attributionLines(who.get(id)!).map(escapeMarkdown).join('<br>') : '')
  const s = diff.summary
  const out = [
    `### vpclens: ${escapeMarkdown(title.env)} version ${title.from} → ${title.to}`,
    '',
    s.highestSeverity === null
      ? 'No changes.'
      : `Highest severity: ${sev(s.highestSeverity)} · ${s.exposure} exposure change(s) · ${s.added} added · ${s.removed} removed · ` +
        `${s.modified} modified · ${s.relationships} relationship change(s)`,
  ]
  const more = (n: number) => (n > LIMIT ? [`| … | ${n - LIMIT} more | | | | |`] : [])
  if (diff.policy && diff.policy.length > 0) {
    out.push('', '#### Policy', '', '| Severity | Change | Summary |', '|---|---|---|',
      ...diff.policy.slice(0, LIMIT).map((p) => `| ${sev(p.severity)} | ${p.type} | ${escapeMarkdown(p.summary)} |`))
  }
  if (diff.exposure.length > 0) {
    out.push('', `#### Exposure changes${diff.exposureBasis === 'rules' ? ' (from security-group ingress rules)' : ''}`, '',
      '| Severity | Change | Resource | Ports | Sources | Caused by |', '|---|---|---|---|---|---|',
      ...diff.exposure.slice(0, LIMIT).map((e) => `| ${sev(e.severity)} | ${e.change} | ${code(e.resourceId)} | ${portsText(e)} | ` +
        `${escapeMarkdown(sourcesText(e.sources))} | ${e.causes.map((c) => escapeMarkdown(c.summary)).join('<br>') || '–'}` +
        `${e.accepted ? `<br>accepted: ${escapeMarkdown(e.accepted.reason)} (${escapeMarkdown(e.accepted.owner)})` : ''} |`),
      ...more(diff.exposure.length))
  }
  if (diff.resources.length > 0) {
    out.push('', '#### Resources', '', `| Severity | Change | Kind | Resource | Rule changes | Field changes |${attribution ? ' Changed by |' : ''}`,
      `|---|---|---|---|---|---|${attribution ? '---|' : ''}`,
      ...diff.resources.slice(0, LIMIT).map((r) => `| ${sev(r.severity)} | ${r.change} | ${r.kind} | ${code(r.id)}${r.name ? ` ${escapeMarkdown(r.name)}` : ''} | ` +
        `${r.rules.map((c) => escapeMarkdown(c.summary)).join('<br>') || '–'} | ${r.fields.map((f) => escapeMarkdown(fieldText(f))).join('<br>') || '–'} |` +
        (attribution ? ` ${whoCell(r.id) || '–'} |` : '')),
      ...more(diff.resources.length))
  }
  if (diff.relationships.length > 0) {
    out.push('', '<details><summary>Relationship changes</summary>', '', '| Severity | Resource | Relation | Added | Removed |', '|---|---|---|---|---|',
      ...diff.relationships.slice(0, LIMIT).map((r) => `| ${sev(r.severity)} | ${code(r.resourceId)} | ${r.relation} | ` +
        `${r.added.map(code).join(' ') || '–'} | ${r.removed.map(code).join(' ') || '–'} |`),
      ...(diff.relationships.length > LIMIT ? [`| … | ${diff.relationships.length - LIMIT} more | | | |`] : []),
      '', '</details>')
  }
  if (attribution) {
    const shown = new Set(diff.resources.slice(0, LIMIT).map((r) => r.id))
    const rest = attribution.resources.filter((r) => !shown.has(r.resourceId))
    out.push('', `#### Who changed it`, '', escapeMarkdown(attributionHeading(attribution)) + '.')
    if (rest.length > 0) {
      out.push('', '| Resource | Changed by |', '|---|---|', ...rest.slice(0, LIMIT).map((r) => `| ${code(r.resourceId)} | ${whoCell(r.resourceId)} |`))
    }
  }
  return out.join('\n') + '\n'
}
