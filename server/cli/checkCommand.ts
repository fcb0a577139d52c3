import type { Command } from 'commander'
import { type AcceptanceMark, type Diff, SEVERITIES, type Severity, type UnknownVerdict } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { reaches } from '../../shared/severityOrder.ts'
import { acceptedRuleChanges, ruleChangeKey } from '../policy/acceptedRuleChanges.ts'
import { diffWithPolicy } from '../policy/diffWithPolicy.ts'
import { evaluatePolicy, type PolicyEvaluation } from '../policy/evaluatePolicy.ts'
import { policyNotes, todayUtc } from '../policy/policyReport.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, loadPolicy, openStore, resolveEnv, withDataDir, withEnv, withJson, withPolicy } from './commonOptions.ts'
import { loadVersion } from './diffCommand.ts'
import { EXIT_UNKNOWN } from './unknownText.ts'
import { terminalText } from '../terminalText.ts'

interface CheckOptions extends CommonOptions { against?: string; failOn: string; acceptIncomplete?: boolean }

interface Hit { severity: Severity; summary: string; accepted?: AcceptanceMark }

/**
 * `vpclens check --fail-on SEVERITY`: for CI. With --against V, fails (exit 1) when a change from V to
 * the latest version reaches the severity; without it, when a finding of the latest version does
 * (server/analysis: exposure and hygiene findings). With --policy, accepted items do not fail it,
 * scope violations (and changes that break a scope) do, at the scope's severity. When nothing reaches
 * it but a verdict that could (its worst case) depends on data the version lacks, it cannot pass:
 * exit 3, unless --accept-incomplete says to decide on the data there is.
 */
export function checkCommand(program: Command): void {
  const cmd = program.command('check')
    .requiredOption('--fail-on <severity>', `one of ${SEVERITIES.join(', ')}`)
    .option('--against <version|time>', 'compare the latest version with this one (or the one current at a time: 2026-11-28T02:10Z, "1d ago") and check the changes')
    .option('--accept-incomplete', 'pass on the data there is, even when a verdict that could reach the severity is unknown (calls not collected, dangling references)')
  withPolicy(withJson(withEnv(withDataDir(cmd)))).action(async (opts: CheckOptions) => {
    const threshold = opts.failOn as Severity
    if (!SEVERITIES.includes(threshold)) throw new CliError(`--fail-on: expected one of ${SEVERITIES.join(', ')}, got "${opts.failOn}"`)
    const policy = loadPolicy(opts)
    const today = todayUtc()
    const store = openStore(opts)
    let hits: Hit[]
    let unknown: UnknownVerdict[]
    let subject: string
    let ev: PolicyEvaluation | undefined
    try {
      const env = await resolveEnv(store, opts)
      const latest = await loadVersion(store, env, 'latest', 'latest')
      if (opts.against !== undefined) {
        const base = await loadVersion(store, env, opts.against, '--against')
        const diff = diffWithPolicy(base, latest, policy, today)
        subject = `changes from version ${base.id} to ${latest.id} of ${env}`
        const skip = acceptedRuleChanges(diff)
        hits = [
          ...(diff.policy ?? []).map((p) => ({ severity: p.severity, summary: p.summary })),
          ...diff.exposure.map((e) => ({ severity: e.severity, summary: e.summary, accepted: e.accepted })),
          ...diff.resources.flatMap((r) => [
            ...r.rules.map((c) => ({ severity: c.severity, summary: `${r.id} ${c.summary}`, accepted: skip.has(ruleChangeKey(r.id, c.collection, c.key)) ? causeOf(diff, r.id, c.key) : undefined })),
            ...(r.rules.length === 0 ? [{ severity: r.severity, summary: `${r.id} ${r.change}` }] : []),
          ]),
          ...diff.relationships.map((r) => ({ severity: r.severity, summary: r.summary })),
        ]
        const seen = new Set<string>()
        unknown = [...(diff.unknownExposure?.from ?? []), ...(diff.unknownExposure?.to ?? [])].filter((u) => !seen.has(u.id) && !!seen.add(u.id))
      } else {
        subject = `findings of version ${latest.id} of ${env}`
        const analysis = analyzeSnapshot(latest.snapshot)
        ev = policy && evaluatePolicy(policy, latest.snapshot, analysis, today)
        hits = [
          ...(ev?.findings ?? analysis.findings).map((f) => ({ severity: f.severity, summary: `${f.check}: ${f.title} (${f.resourceIds.slice(0, 3).join(', ')})`, accepted: f.accepted })),
          ...(ev?.scopes ?? []).flatMap((s) => s.violations.map((v) => ({ severity: v.severity, summary: `SCOPE_VIOLATION ${s.id}: ${v.title}`, accepted: v.accepted }))),
        ]
        unknown = analysis.findingsUnknown
      }
    } finally {
      await store.close()
    }
    const failing = hits.filter((h) => !h.accepted && reaches(h.severity, threshold))
    const accepted = hits.filter((h) => h.accepted && reaches(h.severity, threshold))
    const notes = ev ? policyNotes(ev) : []
    // Verdicts that could reach the threshold but depend on missing data: the check cannot say "passed".
    const undecided = unknown.filter((u) => reaches(u.worstCase, threshold))
    const blocking = opts.acceptIncomplete ? [] : undecided
    if (opts.json) {
      process.stdout.write(JSON.stringify({
        subject, failOn: threshold, passed: failing.length === 0 && blocking.length === 0, failing: failing.map(({ severity, summary }) => ({ severity, summary })),
        undecided: undecided.map((u) => ({ worstCase: u.worstCase, check: u.check, resourceIds: u.resourceIds, account: u.account, region: u.region, missingCalls: u.missingCalls, missingIds: u.missingIds, detail: u.detail })),
        acceptIncomplete: !!opts.acceptIncomplete,
        ...(policy ? { accepted, notes } : {}),
        ...(ev ? { acceptances: ev.acceptances, scopes: ev.scopes.map((s) => ({ id: s.id, status: s.status, severity: s.severity, violations: s.violations.length, unknown: s.unknown })) } : {}),
      }) + '\n')
    } else {
      for (const h of accepted) process.stderr.write(`accepted ${h.severity}: ${terminalText(h.summary)} (${policy!.file}:${h.accepted!.line}, owner ${terminalText(h.accepted!.owner)}: ${terminalText(h.accepted!.reason)})\n`)
      for (const n of notes) process.stderr.write(`${terminalText(n)}\n`)
      for (const h of failing) process.stderr.write(`${h.severity}: ${terminalText(h.summary)}\n`)
      for (const u of undecided) process.stderr.write(`${opts.acceptIncomplete ? 'accepted ' : ''}unknown (worst case ${u.worstCase}): ${terminalText(u.detail)}\n`)
    }
    if (failing.length > 0) throw new CliError(`check failed: ${failing.length} finding(s) in the ${subject} reach ${threshold}${accepted.length ? ` (${accepted.length} more accepted by the policy)` : ''}`, 1)
    if (blocking.length > 0) {
      throw new CliError(`check undecided: ${blocking.length} verdict(s) in the ${subject} could reach ${threshold} but depend on data the version lacks; collect it, or pass --accept-incomplete`, EXIT_UNKNOWN)
    }
    if (!opts.json) {
      process.stderr.write(`check passed: nothing in the ${subject} reaches ${threshold}${accepted.length ? ` but ${accepted.length} accepted item(s)` : ''}` +
        `${undecided.length ? ` (${undecided.length} unknown verdict(s) accepted with --accept-incomplete)` : ''}\n`)
    }
  })
}

/** The acceptance of the exposure change a rule change caused (acceptedRuleChanges found one). */
function causeOf(diff: Diff, resourceId: string, key: string): AcceptanceMark | undefined {
  return diff.exposure.find((e) => e.accepted && e.causes.some((c) => c.resourceId === resourceId && c.key === key))?.accepted
}
