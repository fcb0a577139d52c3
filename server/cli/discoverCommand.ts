import { resolve } from 'node:path'
import type { Command } from 'commander'
import { ENV_NAME_PATTERN, type Inventory } from '../../shared/index.ts'
import { buildRegionClients } from '../discovery/clients.ts'
import { createProgressReporter } from '../discovery/createProgressReporter.ts'
import { redactCredentials } from '../discovery/redactCredentials.ts'
import { resolveHomeRegion } from '../discovery/resolveHomeRegion.ts'
import { resolveTargets } from '../discovery/resolveTargets.ts'
import { runDiscovery } from '../discovery/runDiscovery.ts'
import { describeStoreSummary, storeInventory } from '../import/storeInventory.ts'
import { writeImportLayout } from '../import/writeImportLayout.ts'
import { CliError } from './CliError.ts'
import { type CommonOptions, openStore, withDataDir, withJson } from './commonOptions.ts'
import { type DiscoverFlags, discoverSettings, withDiscoverOptions } from './discoverOptions.ts'

interface DiscoverOptions extends CommonOptions, DiscoverFlags { saveRaw?: string }

/** `vpclens discover`: read AWS (read-only), store a version if anything changed. */
export function discoverCommand(program: Command): void {
  const cmd = withDiscoverOptions(program.command('discover'))
    .option('--env <name>', 'environment to store into (default: the account id, or org-<account> with --org-role)')
    .option('--save-raw <dir>', 'also write the raw responses in the import layout (vpclens import DIR reads them)')
  withJson(withDataDir(cmd)).action(async (opts: DiscoverOptions) => {
    if (opts.env !== undefined && !new RegExp(ENV_NAME_PATTERN).test(opts.env)) throw new CliError(`--env: "${opts.env}" must be letters, digits, ., _ or - (at most 64)`)
    const { regions, access, concurrency } = discoverSettings(opts)
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
