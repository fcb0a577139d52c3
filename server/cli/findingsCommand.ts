import type { Command } from 'commander'
import type { Finding } from '../../shared/index.ts'
import { findingsReport } from '../analysis/reports.ts'
import { evaluatePolicy } from '../policy/evaluatePolicy.ts'
import { policyNotes, policyReport, todayUtc } from '../policy/policyReport.ts'
import { type CommonOptions, loadPolicy, withDataDir, withEnv, withJson, withPolicy } from './commonOptions.ts'
import { loadVersionAnalysis, shortArn, table, withVersion } from './exposureCommand.ts'
import { coverageText, unknownTable } from './unknownText.ts'

/** `[accepted: reason (owner)]`, appended to the title of an accepted item. */
export const acceptedNote = (x: { accepted?: Finding['accepted'] }) => (x.accepted ? `  [accepted: ${x.accepted.reason} (${x.accepted.owner})]` : '')

/** `vpclens findings`: risky exposure and hygiene problems, most severe first; with --policy, accepted ones marked and scope violations added. */
export function findingsCommand(program: Command): void {
  const cmd = program.command('findings')
  withPolicy(withVersion(withJson(withEnv(withDataDir(cmd))))).action(async (opts: CommonOptions) => {
    const policy = loadPolicy(opts)
    const { env, version, hash, snapshot, analysis } = await loadVersionAnalysis(opts)
    const ev = policy && evaluatePolicy(policy, snapshot, analysis, todayUtc())
    const report = findingsReport(ev ? { ...analysis, findings: ev.findings } : analysis, env, version, hash)
    if (opts.json) { process.stdout.write(JSON.stringify(ev ? { ...report, policy: policyReport(ev, env, version, hash) } : report) + '\n'); return }
    const rows = report.findings.map((f) => [f.severity, f.check, f.resourceIds.slice(0, 2).map(shortArn).join(' '), f.title + acceptedNote(f)])
    const violations = ev?.scopes.flatMap((s) => s.violations) ?? []
    rows.push(...violations.map((v) => [v.severity, `SCOPE_VIOLATION:${v.scope}`, v.resourceIds.slice(0, 2).map(shortArn).join(' '), v.title + acceptedNote(v)]))
    process.stdout.write(table(['SEVERITY', 'CHECK', 'RESOURCES', 'TITLE'], rows))
    process.stdout.write(unknownTable(report.unknown))
    const c = report.counts
    if (ev) for (const line of policyNotes(ev)) process.stderr.write(`${line}\n`)
    const accepted = report.findings.filter((f) => f.accepted).length
    process.stderr.write(`${env} version ${version}: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info${report.unknown.length ? `, ${report.unknown.length} unknown` : ''}` +
      `${ev ? `; ${accepted} accepted by ${ev.file}, ${violations.length} scope violation(s)` : ''}. --json for details.\n`)
    process.stderr.write(coverageText(report.coverage, report.unknown.length))
  })
}
