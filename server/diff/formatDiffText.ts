import type { Attribution, Diff, ExposureChange, FieldChange } from '../../shared/index.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { appendAll } from '../../shared/appendAll.ts'
import { terminalText } from '../terminalText.ts'
import { attributionById, attributionHeading, attributionLines } from '../attribution/formatAttribution.ts'

export interface DiffTitle { env: string; from: string; to: string }


export const portsText = (e: Pick<ExposureChange, 'protocol' | 'ports'>) =>
  e.protocol === 'tcp' || e.protocol === 'udp'
    ? `${e.protocol} ${e.ports.from === e.ports.to ? e.ports.from : e.ports.from === 0 && e.ports.to === 65535 ? 'all' : `${e.ports.from}-${e.ports.to}`}`
    : e.protocol

export const valueText = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v))
export const fieldText = (f: FieldChange) => `${f.path}: ${valueText(f.before)} → ${valueText(f.after)}`

/** At most this many rows per section; --json has everything. */
const LIMIT = 200

/** Cells are untrusted text (ids, names, descriptions from AWS), shown escaped. */
function table(cells: string[][]): string[] {
  const rows = cells.map((r) => r.map(terminalText))
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0))
  return rows.map((r) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd())
}

/**
 * The readable table `vpclens diff` prints by default: exposure first, then resources, then links;
 * with an attribution, who changed each resource (CloudTrail) beside it.
 */
export function formatDiffText(diff: Diff, title: DiffTitle, attribution?: Attribution): string {
  const who = attributionById(attribution)
  const s = diff.summary
  const lines = [
    `${terminalText(title.env)}: version ${title.from} → ${title.to}`,
    `${s.exposure} exposure change(s), ${s.added} added, ${s.removed} removed, ${s.modified} modified, ${s.relationships} relationship change(s); ` +
      `highest severity: ${s.highestSeverity ?? 'none'}`,
  ]
  if (s.highestSeverity === null) return lines.concat('no changes').join('\n') + '\n'
  if (diff.policy && diff.policy.length > 0) {
    lines.push('', 'POLICY')
    lines.push(...table(diff.policy.slice(0, LIMIT).map((p) => [p.severity, p.type, p.summary])))
  }
  if (diff.exposure.length > 0) {
    lines.push('', `EXPOSURE (${diff.exposureBasis === 'analysis' ? 'exposure analysis' : 'from security-group ingress rules'})`)
    appendAll(lines, table([
      ['SEVERITY', 'CHANGE', 'RESOURCE', 'PORTS', 'SOURCES', 'CAUSE'],
      ...diff.exposure.slice(0, LIMIT).map((e) => [
        e.severity, e.change, e.resourceId, portsText(e), sourcesText(e.sources),
        (e.causes.map((c) => c.summary).join('; ') || '–') + (e.accepted ? `  [accepted: ${e.accepted.reason} (${e.accepted.owner})]` : ''),
      ]),
    ]))
    if (diff.exposure.length > LIMIT) lines.push(`  … and ${diff.exposure.length - LIMIT} more`)
  }
  if (diff.resources.length > 0) {
    lines.push('', 'RESOURCES')
    for (const r of diff.resources.slice(0, LIMIT)) {
      lines.push(`  ${r.severity.padEnd(8)}  ${r.change.padEnd(8)}  ${r.kind}  ${terminalText(r.id)}${r.name ? ` (${terminalText(r.name)})` : ''}`)
      for (const c of r.rules) lines.push(`      ${terminalText(c.summary)}${c.severity === 'info' ? '' : `  [${c.severity}]`}`)
      for (const f of r.fields) lines.push(`      ~ ${terminalText(fieldText(f))}`)
      for (const l of who.has(r.id) ? attributionLines(who.get(r.id)!) : []) lines.push(`      ${terminalText(l)}`)
    }
    if (diff.resources.length > LIMIT) lines.push(`  … and ${diff.resources.length - LIMIT} more`)
  }
  if (diff.relationships.length > 0) {
    lines.push('', 'RELATIONSHIPS')
    appendAll(lines, table(diff.relationships.slice(0, LIMIT).map((r) => [r.severity, r.summary])))
    if (diff.relationships.length > LIMIT) lines.push(`  … and ${diff.relationships.length - LIMIT} more`)
  }
  if (attribution) {
    // Resources changed only through their links or as a cause are attributed here; the rest above.
    const shown = new Set(diff.resources.slice(0, LIMIT).map((r) => r.id))
    const rest = attribution.resources.filter((r) => !shown.has(r.resourceId))
    lines.push('', `WHO CHANGED IT (${terminalText(attributionHeading(attribution))})`)
    if (attribution.resources.length === 0) lines.push('  no changed resource to look up')
    for (const r of rest) lines.push(`  ${terminalText(r.resourceId)}`, ...attributionLines(r).map((l) => `      ${terminalText(l)}`))
    if (rest.length === 0 && attribution.resources.length > 0) lines.push('  (beside each resource above)')
  }
  return lines.join('\n') + '\n'
}
