import { resolve } from 'node:path'
import type { Command } from 'commander'
import { ENV_NAME_PATTERN, type Inventory } from '../../shared/index.ts'
import { type AwsAccess, buildRegionClients } from '../discovery/clients.ts'
import { createProgressReporter } from '../discovery/createProgressReporter.ts'
import { redactCredentials } from '../discovery/redactCredentials.ts'
import { resolveHomeRegion } from '../discovery/resolveHomeRegion.ts'
import { resolveTargets } from '../discovery/resolveTargets.ts'
import { runDiscovery } from '../discovery/runDiscovery.ts'
import { describeStoreSummary, storeInventory } from '../import/storeInventory.ts'
import { writeImportLayout } from '../import/writeImportLayout.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir, withJson } from './commonOptions.ts'

interface DiscoverOptions extends CommonOptions {
  profile?: string; roleArn?: string; externalId?: string; orgRole?: string; regions?: string
  endpoint?: string; saveRaw?: string; concurrency?: string; maxAttempts?: string; timeout?: string
}

/** `vpclens discover`: read AWS (read-only), store a version if anything changed. */
export function discoverCommand(program: Command): void {
  const cmd = program.command('discover')
    .description('read AWS networking (Describe/List/Get calls only) and store a version if anything changed')
    .option('--env <name>', 'environment to store into (default: the account id, or org-<account> with --org-role)')
    .option('--profile <name>', 'AWS profile (default: the SDK credential chain: environment, profile, SSO, instance role)')
    .option('--role-arn <arn>', 'assume this role first')
    .option('--external-id <id>', 'external id for --role-arn / --org-role')
    .option('--org-role <name>', 'assume this role name in every active account Organizations lists')
    .option('--regions <list>', 'comma-separated regions, or "all" (enabled regions); default: the configured region')
    .option('--endpoint <url>', 'send every call to this endpoint (an emulator such as moto); also AWS_ENDPOINT_URL')
    .option('--save-raw <dir>', 'also write the raw responses in the import layout (vpclens import DIR reads them)')
    .option('--concurrency <n>', 'requests in flight at once (default 8)')
    .option('--max-attempts <n>', 'attempts per call, with adaptive retry on throttling (default 6)')
    .option('--timeout <seconds>', 'timeout of one HTTP attempt (default 30)')
  withJson(withDataDir(cmd)).action(async (opts: DiscoverOptions) => {
    const regions = parseRegions(opts.regions)
    if (opts.externalId && !opts.roleArn && !opts.orgRole) throw new CliError('--external-id needs --role-arn or --org-role')
    if (opts.env !== undefined && !new RegExp(ENV_NAME_PATTERN).test(opts.env)) throw new CliError(`--env: "${opts.env}" must be letters, digits, ., _ or - (at most 64)`)
    if (opts.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(opts.endpoint)) throw new CliError(`--endpoint: "${opts.endpoint}" is not an http(s) URL`)
    const access: AwsAccess = {
      endpoint: opts.endpoint, profile: opts.profile,
      maxAttempts: intOption('--max-attempts', opts.maxAttempts, 6),
      requestTimeoutMs: intOption('--timeout', opts.timeout, 30) * 1000,
    }
    const concurrency = intOption('--concurrency', opts.concurrency, 8)
    const homeRegion = await resolveHomeRegion(opts.profile, regions)
    if (!homeRegion) throw new CliError('no region: pass --regions r1,r2 (or all), or set AWS_REGION')

    let resolved
    try {
      resolved = await resolveTargets(access, homeRegion, { roleArn: opts.roleArn, externalId: opts.externalId, orgRole: opts.orgRole })
    } catch (e) {
      throw new CliError(`cannot establish who is calling (sts:GetCallerIdentity${opts.roleArn ? ', sts:AssumeRole' : ''}): ${redactCredentials((e as Error).message)}`)
    }
    const progress = createProgressReporter(process.stderr)
    const inventory: Inventory = await runDiscovery({
      targets: resolved.targets, regions: regions ?? [homeRegion], homeRegion, concurrency,
      clientsFor: (t, region) => buildRegionClients(access, region, t.credentials),
      onProgress: progress.listener, warnings: resolved.warnings, now: () => new Date(),
    }).finally(() => progress.finish())

    if (inventory.regions.length === 0) {
      const reasons = inventory.warnings.slice(0, 5).map((w) => `${w.account} ${w.region} ${w.operation}: ${w.code}: ${w.message}`)
      throw new CliError(`nothing could be read, so nothing was stored:\n  ${reasons.join('\n  ')}`)
    }
    if (opts.saveRaw) {
      const files = writeImportLayout(inventory, resolve(opts.saveRaw))
      process.stderr.write(`wrote ${files.length} raw response files under ${resolve(opts.saveRaw)}\n`)
    }
    const env = opts.env ?? (opts.orgRole ? `org-${resolved.caller}` : resolved.caller)
    const store = openStore(opts)
    try {
      const summary = await storeInventory(store, inventory, env, 'discover')
      if (opts.json) process.stdout.write(JSON.stringify(summary) + '\n')
      process.stderr.write(describeStoreSummary(summary))
    } finally {
      await store.close()
    }
  })
}

function parseRegions(value: string | undefined): string[] | 'all' | undefined {
  if (value === undefined) return undefined
  if (value.trim() === 'all') return 'all'
  const list = value.split(',').map((r) => r.trim()).filter(Boolean)
  const bad = list.find((r) => !/^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(r))
  if (list.length === 0 || bad !== undefined) throw new CliError(`--regions: "${bad ?? value}" is not a region name (e.g. eu-west-1), and the list is not "all"`)
  return [...new Set(list)]
}

function intOption(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag}: expected a positive integer, got "${value}"`)
  return n
}
