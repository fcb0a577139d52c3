import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { formatReportHtml } from '../report/formatReportHtml.ts'
import { formatReportMarkdown } from '../report/formatReportMarkdown.ts'
import { incidentReport } from '../report/incidentReport.ts'
import { attributeDiff } from '../attribution/attributeDiff.ts'
import { type AttributeFlags, attributeSettings, lookupFromFlags, withAttributeOptions } from './attributeOptions.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, dataDirOf, openStore, resolveEnv, withDataDir, withEnv } from './commonOptions.ts'
import { loadVersion } from './diffCommand.ts'

interface ReportOptions extends CommonOptions, AttributeFlags { from?: string; to: string; markdown?: boolean; html?: boolean; output?: string }

/** `vpclens report --from V --to V`: one self-contained incident report of what changed, who did it and where. */
export function reportCommand(program: Command): void {
  const cmd = program.command('report')
    .description('an incident report between two versions: exposure and resource changes (with who made them, --attribute), the findings at TO and a diagram of the changed area')
    .requiredOption('--from <version>', 'the version (or time) before the incident')
    .option('--to <version>', 'the version (or time) after it', 'latest')
    .option('--markdown', 'Markdown (the default)')
    .option('--html', 'one HTML file: no script, inline SVG diagram')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
  withAttributeOptions(withEnv(withDataDir(cmd))).action(async (opts: ReportOptions) => {
    if (opts.html && opts.markdown) throw new CliError('--html and --markdown: choose one')
    const { limit } = attributeSettings(opts)
    const store = openStore(opts)
    try {
      const env = await resolveEnv(store, opts)
      const a = await loadVersion(store, env, opts.from!, '--from')
      const b = await loadVersion(store, env, opts.to, '--to')
      const from = { version: (await store.getVersion(env, a.id))!, snapshot: a.snapshot }
      const to = { version: (await store.getVersion(env, b.id))!, snapshot: b.snapshot }
      const diff = diffVersions(a, b)
      const attribution = opts.attribute
        ? await attributeDiff({ env, dataDir: dataDirOf(opts), diff, limit, from, to, lookup: (targets) => lookupFromFlags(opts, targets) })
        : undefined
      const report = incidentReport({ env, from, to, diff, findings: analyzeSnapshot(b.snapshot).findings, attribution, now: new Date() })
      const text = opts.html ? formatReportHtml(report) : formatReportMarkdown(report)
      if (!opts.output) { process.stdout.write(text); return }
      try {
        writeFileSync(opts.output, text)
      } catch (e) {
        throw new CliError(`--output: cannot write ${opts.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
      }
      process.stderr.write(`vpclens: wrote the report of ${env} ${a.id} → ${b.id} to ${opts.output}\n`)
    } finally {
      await store.close()
    }
  })
}
