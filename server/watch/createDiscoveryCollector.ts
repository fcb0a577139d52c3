import { buildRegionClients } from '../discovery/clients.ts'
import { redactCredentials } from '../discovery/redactCredentials.ts'
import { resolveHomeRegion } from '../discovery/resolveHomeRegion.ts'
import { resolveTargets } from '../discovery/resolveTargets.ts'
import { runDiscovery } from '../discovery/runDiscovery.ts'
import { CliError } from '../cli/CliError.ts'
import type { Collector } from './Collector.ts'
import { type DiscoverFlags, discoverSettings } from '../cli/discoverOptions.ts'

/**
 * Real discovery behind the Collector seam: the flags are checked once, up front (a usage error
 * stops the command), while everything that talks to AWS happens per run, so a run that fails
 * (expired session, network) fails alone and the next one starts afresh: accounts are listed and
 * roles assumed again every time.
 */
export async function createDiscoveryCollector(flags: DiscoverFlags): Promise<Collector> {
  const { regions, access, concurrency } = discoverSettings(flags)
  const homeRegion = await resolveHomeRegion(flags.profile, regions)
  if (!homeRegion) throw new CliError('no region: pass --regions r1,r2 (or all), or set AWS_REGION')

  return async (onStep) => {
    let resolved
    try {
      resolved = await resolveTargets(access, homeRegion, { roleArn: flags.roleArn, externalId: flags.externalId, orgRole: flags.orgRole })
    } catch (e) {
      throw new Error(`cannot establish who is calling (sts:GetCallerIdentity): ${redactCredentials((e as Error).message)}`)
    }
    let started = 0
    let done = 0
    const inventory = await runDiscovery({
      targets: resolved.targets, regions: regions ?? [homeRegion], homeRegion, concurrency,
      clientsFor: (t, region) => buildRegionClients(access, region, t.credentials),
      onProgress: (e) => {
        if (e.state === 'started') started++
        else done++
        onStep?.({ done, total: started, message: `${e.account} ${e.region} ${e.service} ${e.state}` })
      },
      warnings: resolved.warnings, now: () => new Date(),
    })
    return { inventory, defaultEnv: flags.orgRole ? `org-${resolved.caller}` : resolved.caller }
  }
}
