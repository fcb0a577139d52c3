import { escapeMarkdown, formatDiffMarkdown } from '../diff/formatDiffMarkdown.ts'
import type { IncidentReport } from './incidentReport.ts'

const LIMIT = 100

/**
 * The incident report as Markdown: the diff (exposure, resources with who changed them, links), the
 * findings at TO, and the changed area as an SVG image inlined as a data URI (one self-contained file).
 */
export function formatReportMarkdown(r: IncidentReport): string {
  const diff = formatDiffMarkdown(r.diff, { env: r.env, from: r.from.id, to: r.to.id }, r.attribution)
    .replace(/^### vpclens: .*\n/, '')
  const findings = r.findings.slice(0, LIMIT)
  return [
    `# Incident report: ${escapeMarkdown(r.env)}`,
    '',
    `From version ${r.from.id} (recorded ${r.from.createdAt}) to version ${r.to.id} (recorded ${r.to.createdAt}); generated ${r.generatedAt} by vpclens.`,
    r.attribution ? '' : 'Who made the changes was not looked up (run with `--attribute` to read AWS CloudTrail).',
    '',
    '## Changes',
    diff.trimEnd(),
    '',
    '## The changed area',
    '',
    `![The changed area: VPCs, subnets and resources that changed](data:image/svg+xml;base64,${Buffer.from(r.svg).toString('base64')})`,
    '',
    `## Findings at version ${r.to.id}`,
    '',
    ...(findings.length === 0 ? ['No findings.'] : [
      '| Severity | Check | Resources | Finding |', '|---|---|---|---|',
      ...findings.map((f) => `| ${f.severity} | ${f.check} | ${f.resourceIds.slice(0, 3).map((id) => `\`${id.replace(/[`\u0000-\u001f]/g, '?')}\``).join(' ')} | ` +
        `${escapeMarkdown(f.title)} |`),
      ...(r.findings.length > LIMIT ? [`| … | ${r.findings.length - LIMIT} more | | |`] : []),
    ]),
    '',
  ].join('\n')
}
