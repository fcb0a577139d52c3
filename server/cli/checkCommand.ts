import type { Command } from 'commander'
import { SEVERITIES, type Severity } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { reaches } from '../../shared/severityOrder.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, resolveEnv, withDataDir, withEnv, withJson } from './commonOptions.ts'
import { loadVersion } from './diffCommand.ts'
import { terminalText } from '../terminalText.ts'

interface CheckOptions extends CommonOptions { against?: string; failOn: string }

interface Hit { severity: Severity; summary: string }

/**
 * `vpclens check --fail-on SEVERITY`: for CI. With --against V, fails (exit 1) when a change from V to
 * the latest version reaches the severity; without it, when a finding of the latest version does
 * (server/analysis: exposure and hygiene findings).
 */
export function checkCommand(program: Command): void {
  const cmd = program.command('check')
    .requiredOption('--fail-on <severity>', `one of ${SEVERITIES.join(', ')}`)
    .option('--against <version|time>', 'compare the latest version with this one (or the one current at a time: 2026-11-28T02:10Z, "1d ago") and check the changes')
  withJson(withEnv(withDataDir(cmd))).action(async (opts: CheckOptions) => {
    const threshold = opts.failOn as Severity
    if (!SEVERITIES.includes(threshold)) throw new CliError(`--fail-on: expected one of ${SEVERITIES.join(', ')}, got "${opts.failOn}"`)
    const store = openStore(opts)
    let hits: Hit[]
    let subject: string
    try {
      const env = await resolveEnv(store, opts)
      const latest = await loadVersion(store, env, 'latest', 'latest')
      if (opts.against !== undefined) {
        const base = await loadVersion(store, env, opts.against, '--against')
        const diff = diffVersions(base, latest)
        subject = `changes from version ${base.id} to ${latest.id} of ${env}`
        hits = [
          ...diff.exposure.map((e) => ({ severity: e.severity, summary: e.summary })),
          ...diff.resources.flatMap((r) => [
            ...r.rules.map((c) => ({ severity: c.severity, summary: `${r.id} ${c.summary}` })),
            ...(r.rules.length === 0 ? [{ severity: r.severity, summary: `${r.id} ${r.change}` }] : []),
          ]),
          ...diff.relationships.map((r) => ({ severity: r.severity, summary: r.summary })),
        ]
      } else {
        subject = `findings of version ${latest.id} of ${env}`
        hits = analyzeSnapshot(latest.snapshot).findings.map((f) => ({ severity: f.severity, summary: `${f.check}: ${f.title} (${f.resourceIds.slice(0, 3).join(', ')})` }))
      }
    } finally {
      await store.close()
    }
    const failing = hits.filter((h) => reaches(h.severity, threshold))
    if (opts.json) process.stdout.write(JSON.stringify({ subject, failOn: threshold, passed: failing.length === 0, failing }) + '\n')
    else for (const h of failing) process.stderr.write(`${h.severity}: ${terminalText(h.summary)}\n`)
    if (failing.length > 0) throw new CliError(`check failed: ${failing.length} finding(s) in the ${subject} reach ${threshold}`, 1)
    if (!opts.json) process.stderr.write(`check passed: nothing in the ${subject} reaches ${threshold}\n`)
  })
}
