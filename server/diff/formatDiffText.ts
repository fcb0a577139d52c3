import type { Attribution, Diff, ExposureChange, FieldChange } from '../../shared/index.ts'
import { sourcesText } from '../../shared/network/index.ts'
import { attributionById, attributionHeading, attributionLines } from '../attribution/formatAttribution.ts'

export interface DiffTitle { env: string; from: string; to: string }

/** Names, tags and descriptions come from AWS: never let them carry terminal control sequences. */
export const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')

export const portsText = (e: Pick<ExposureChange, 'protocol' | 'ports'>) =>
  e.protocol === 'tcp' || e.protocol === 'udp'
    ? `${e.protocol} ${e.ports.from === e.ports.to ? e.ports.from : e.ports.from === 0 && e.ports.to === 65535 ? 'all' : `${e.ports.from}-${e.ports.to}`}`
    : e.protocol

export const valueText = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v))
export const fieldText = (f: FieldChange) => `${f.path}: ${valueText(f.before)} → ${valueText(f.after)}`

/** At most this many rows per section; --json has everything. */
const LIMIT = 200

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
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
    `${plain(title.env)}: version ${title.from} → ${title.to}`,
    `${s.exposure} exposure change(s), ${s.added} added, ${s.removed} removed, ${s.modified} modified, ${s.relationships} relationship change(s); ` +
      `highest severity: ${s.highestSeverity ?? 'none'}`,
  ]
  if (s.highestSeverity === null) return lines.concat('no changes').join('\n') + '\n'
  if (diff.policy && diff.policy.length > 0) {
    lines.push('', 'POLICY')
    lines.push(...table(diff.policy.slice(0, LIMIT).map((p) => [p.severity, p.type, plain(p.summary)])))
  }
  if (diff.exposure.length > 0) {
    lines.push('', `EXPOSURE (${diff.exposureBasis === 'analysis' ? 'exposure analysis' : 'from security-group ingress rules'})`)
    lines.push(...table([
      ['SEVERITY', 'CHANGE', 'RESOURCE', 'PORTS', 'SOURCES', 'CAUSE'],
      ...diff.exposure.slice(0, LIMIT).map((e) => [
        e.severity, e.change, e.resourceId, portsText(e), sourcesText(e.sources),
        plain(e.causes.map((c) => c.summary).join('; ') || '–') + (e.accepted ? `  [accepted: ${plain(e.accepted.reason)} (${plain(e.accepted.owner)})]` : ''),
      ]),
    ]))
    if (diff.exposure.length > LIMIT) lines.push(`  … and ${diff.exposure.length - LIMIT} more`)
  }
  if (diff.resources.length > 0) {
    lines.push('', 'RESOURCES')
    for (const r of diff.resources.slice(0, LIMIT)) {
      lines.push(`  ${r.severity.padEnd(8)}  ${r.change.padEnd(8)}  ${r.kind}  ${r.id}${r.name ? ` (${plain(r.name)})` : ''}`)
      for (const c of r.rules) lines.push(`      ${plain(c.summary)}${c.severity === 'info' ? '' : `  [${c.severity}]`}`)
      for (const f of r.fields) lines.push(`      ~ ${plain(fieldText(f))}`)
      for (const l of who.has(r.id) ? attributionLines(who.get(r.id)!) : []) lines.push(`      ${plain(l)}`)
    }
    if (diff.resources.length > LIMIT) lines.push(`  … and ${diff.resources.length - LIMIT} more`)
  }
  if (diff.relationships.length > 0) {
    lines.push('', 'RELATIONSHIPS')
    lines.push(...table(diff.relationships.slice(0, LIMIT).map((r) => [r.severity, plain(r.summary)])))
    if (diff.relationships.length > LIMIT) lines.push(`  … and ${diff.relationships.length - LIMIT} more`)
  }
  if (attribution) {
    // Resources changed only through their links or as a cause are attributed here; the rest above.
    const shown = new Set(diff.resources.slice(0, LIMIT).map((r) => r.id))
    const rest = attribution.resources.filter((r) => !shown.has(r.resourceId))
    lines.push('', `WHO CHANGED IT (${plain(attributionHeading(attribution))})`)
    if (attribution.resources.length === 0) lines.push('  no changed resource to look up')
    for (const r of rest) lines.push(`  ${plain(r.resourceId)}`, ...attributionLines(r).map((l) => `      ${plain(l)}`))
    if (rest.length === 0 && attribution.resources.length > 0) lines.push('  (beside each resource above)')
  }
  return lines.join('\n') + '\n'
}
