import type { Command } from 'commander'
import { ENV_NAME_PATTERN, SEVERITIES, type Severity } from '../../shared/index.ts'
import { diffWithPolicy } from '../policy/diffWithPolicy.ts'
import { todayUtc } from '../policy/policyReport.ts'
import { createDiscoveryCollector } from '../watch/createDiscoveryCollector.ts'
import { createWebhookSender, type WebhookSender } from '../watch/createWebhookSender.ts'
import { MIN_INTERVAL_MS, parseInterval } from '../watch/parseInterval.ts'
import { runWatch, type Summarize } from '../watch/runWatch.ts'
import { type DiscoverFlags, positiveIntFlag, withDiscoverOptions } from './discoverOptions.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, loadPolicy, openStore, withDataDir, withJson, withPolicy } from './commonOptions.ts'
import { terminalText } from '../terminalText.ts'

interface WatchFlags extends CommonOptions, DiscoverFlags {
  interval: string; webhook?: string; webhookSecret?: string; alertOn: string; runs?: string
}


/** `vpclens watch`: discover on an interval, record versions on change, tell a webhook about security changes. */
export function watchCommand(program: Command): void {
  const cmd = program.command('watch')
    .requiredOption('--interval <duration>', 'time between runs: 90s, 15m, 1h (at least 5s)', '15m')
    .option('--webhook <url>', 'after a new version, POST a JSON summary of its security-relevant changes here')
    .option('--webhook-secret <secret>', 'sign webhook bodies: X-Vpclens-Signature: sha256=<HMAC> (env VPCLENS_WEBHOOK_SECRET, which keeps it out of the process list)')
    .option('--alert-on <severity>', `lowest severity that triggers the webhook: ${SEVERITIES.join(', ')}`, 'low')
    .option('--env <name>', 'environment to record into (default: the account id, or org-<account> with --org-role)')
    .option('--runs <n>', 'stop after N runs (default: until interrupted)')
  withPolicy(withJson(withDataDir(withDiscoverOptions(cmd)))).action(async (opts: WatchFlags) => {
    const intervalMs = parseInterval(opts.interval)
    if (intervalMs === undefined) throw new CliError(`--interval: expected a duration such as 90s, 15m or 1h (at least ${MIN_INTERVAL_MS / 1000}s), got "${opts.interval}"`)
    if (!SEVERITIES.includes(opts.alertOn as Severity)) throw new CliError(`--alert-on: expected one of ${SEVERITIES.join(', ')}, got "${opts.alertOn}"`)
    if (opts.env !== undefined && !new RegExp(ENV_NAME_PATTERN).test(opts.env)) throw new CliError(`--env: "${opts.env}" must be letters, digits, ., _ or - (at most 64)`)
    if (opts.webhook !== undefined && !/^https?:\/\/\S+$/.test(opts.webhook)) throw new CliError('--webhook: expected an http(s) URL')
    const secret = opts.webhookSecret ?? (process.env.VPCLENS_WEBHOOK_SECRET || undefined)
    if (secret !== undefined && opts.webhook === undefined) throw new CliError('--webhook-secret needs --webhook')
    const maxRuns = opts.runs === undefined ? undefined : positiveIntFlag('--runs', opts.runs, 1)
    const policy = loadPolicy(opts)
    // The diff behind a webhook: the same one `vpclens diff` prints, through the policy when there is
    // one (accepted exposure changes are marked and not sent; broken scopes are), on the day of the run.
    // Without a policy, runWatch uses the diff recorded from stored facts (no whole previous version read).
    const summarize: Summarize | undefined = policy ? (from, to) => diffWithPolicy(from, to, policy, todayUtc()) : undefined
    const collect = await createDiscoveryCollector(opts)

    const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${terminalText(line)}\n`)
    const store = openStore(opts)
    const webhook: WebhookSender | undefined = opts.webhook
      ? createWebhookSender({ url: opts.webhook, secret, log, userAgent: 'vpclens-watch' })
      : undefined
    const stop = new AbortController()
    const onSignal = () => { log('stopping after the current run'); stop.abort() }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    log(`watching every ${opts.interval}${opts.webhook ? `; webhook on changes at or above ${opts.alertOn}` : ''}`)
    try {
      await runWatch({
        collect, store, env: opts.env, intervalMs, alertOn: opts.alertOn as Severity, summarize, webhook, log,
        signal: stop.signal, maxRuns,
        onRun: (outcome) => { if (opts.json) process.stdout.write(JSON.stringify(outcome) + '\n') },
      })
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      await webhook?.close(10_000)
      await store.close()
    }
  })
}
