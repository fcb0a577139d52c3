import type { Command } from 'commander'
import { findingsReport } from '../analysis/reports.ts'
import { type CommonOptions, withDataDir, withEnv, withJson } from './commonOptions.ts'
import { loadVersionAnalysis, shortArn, table, withVersion } from './exposureCommand.ts'

/** `vpclens findings`: risky exposure and hygiene problems, most severe first. */
export function findingsCommand(program: Command): void {
  const cmd = program.command('findings')
  withVersion(withJson(withEnv(withDataDir(cmd)))).action(async (opts: CommonOptions) => {
    const { env, version, hash, analysis } = await loadVersionAnalysis(opts)
    const report = findingsReport(analysis, env, version, hash)
    if (opts.json) { process.stdout.write(JSON.stringify(report) + '\n'); return }
    const rows = report.findings.map((f) => [f.severity, f.check, f.resourceIds.slice(0, 2).map(shortArn).join(' '), f.title])
    process.stdout.write(table(['SEVERITY', 'CHECK', 'RESOURCES', 'TITLE'], rows))
    const c = report.counts
    process.stderr.write(`${env} version ${version}: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info. --json for details.\n`)
  })
}
