import { DescribeRegionsCommand } from '@aws-sdk/client-ec2'
import type { CollectionWarning, Inventory, RegionInventory } from '../../shared/index.ts'
import type { RegionClients } from './clients.ts'
import { collectRegion, type ProgressListener } from './collectRegion.ts'
import { limitConcurrency } from './limitConcurrency.ts'
import type { AccountTarget } from './resolveTargets.ts'
import { toWarning } from './toWarning.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface DiscoveryOptions {
  targets: AccountTarget[]
  /** Region names, or `all`: every region enabled for the account (DescribeRegions, opted-in only). */
  regions: string[] | 'all'
  /** Where DescribeRegions is asked. */
  homeRegion: string
  /** Requests in flight at once, across all accounts, regions and services. */
  concurrency: number
  clientsFor(target: AccountTarget, region: string): RegionClients
  onProgress?: ProgressListener
  /** Warnings from before the run (accounts that could not be assumed). */
  warnings?: CollectionWarning[]
  now: () => Date
}

/** Reads every account × region concurrently under one bound. A failing account or region is a warning. */
export async function runDiscovery(opts: DiscoveryOptions): Promise<Inventory> {
  const limit = limitConcurrency(opts.concurrency)
  const warnings: CollectionWarning[] = [...(opts.warnings ?? [])]
  const regions: RegionInventory[] = []
  await Promise.all(opts.targets.map(async (target) => {
    let names: string[]
    try {
      names = opts.regions === 'all' ? await enabledRegions(opts, target, limit) : opts.regions
    } catch (e) {
      warnings.push(toWarning({ account: target.account, region: opts.homeRegion, service: 'ec2', operation: 'DescribeRegions' }, e))
      return
    }
    await Promise.all(names.map(async (region) => {
      const clients = opts.clientsFor(target, region)
      try {
        const result = await collectRegion(clients, target.account, region, limit, opts.onProgress)
        if (result.inventory) regions.push(result.inventory)
        appendAll(warnings, result.warnings)
      } finally {
        clients.ec2.destroy()
        clients.elbv2.destroy()
      }
    }))
  }))
  regions.sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region))
  warnings.sort((a, b) => `${a.account} ${a.region} ${a.service} ${a.operation}`.localeCompare(`${b.account} ${b.region} ${b.service} ${b.operation}`))
  return { schemaVersion: 1, source: 'discover', collectedAt: opts.now().toISOString(), regions, warnings }
}

async function enabledRegions(opts: DiscoveryOptions, target: AccountTarget, limit: ReturnType<typeof limitConcurrency>): Promise<string[]> {
  const { ec2, elbv2 } = opts.clientsFor(target, opts.homeRegion)
  try {
    const out = await limit(() => ec2.send(new DescribeRegionsCommand({ AllRegions: false })))
    return (out.Regions ?? [])
      .filter((r) => r.RegionName && r.OptInStatus !== 'not-opted-in')
      .map((r) => r.RegionName!).sort()
  } finally {
    ec2.destroy(); elbv2.destroy()
  }
}
