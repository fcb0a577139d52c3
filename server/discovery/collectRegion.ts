import type { CollectionWarning, RegionInventory } from '../../shared/index.ts'
import type { RegionClients } from './clients.ts'
import { fetchEc2Region } from './fetchEc2Region.ts'
import { fetchElbv2Region } from './fetchElbv2Region.ts'
import type { Limit } from './limitConcurrency.ts'
import type { AwsService } from './readOnlyGuard.ts'
import { toWarning } from './toWarning.ts'

export interface ProgressEvent {
  account: string
  region: string
  service: AwsService
  state: 'started' | 'done' | 'failed'
  /** Warnings so far in this account × region × service. */
  warnings: number
}
export type ProgressListener = (event: ProgressEvent) => void

export interface RegionResult {
  /** Undefined when the region could not be read at all (then `warnings` holds the one reason). */
  inventory?: RegionInventory
  warnings: CollectionWarning[]
}

/** One account × region: EC2 and ELBv2 fetched concurrently; a failed call becomes a warning. */
export async function collectRegion(clients: RegionClients, account: string, region: string, limit: Limit,
  onProgress?: ProgressListener): Promise<RegionResult> {
  const warnings: CollectionWarning[] = []
  const context = (service: AwsService) => {
    let count = 0
    return {
      account, region, send: limit,
      warn: (s: AwsService, operation: string, error: unknown) => { count++; warnings.push(toWarning({ account, region, service: s, operation }, error)) },
      progress: (state: ProgressEvent['state']) => onProgress?.({ account, region, service, state, warnings: count }),
    }
  }
  const run = async <T>(service: AwsService, fetch: (ctx: ReturnType<typeof context>) => Promise<T>): Promise<T> => {
    const ctx = context(service)
    ctx.progress('started')
    try {
      const result = await fetch(ctx)
      ctx.progress('done')
      return result
    } catch (e) {
      ctx.progress('failed')
      throw e
    }
  }
  const [ec2, elbv2] = await Promise.allSettled([
    run('ec2', (ctx) => fetchEc2Region(clients.ec2, ctx)),
    run('elbv2', (ctx) => fetchElbv2Region(clients.elbv2, ctx)),
  ])
  if (ec2.status === 'rejected') {
    // The region itself failed (fetchEc2Region's probe): one warning says so, not one per call.
    return { warnings: [toWarning({ account, region, service: 'ec2', operation: 'DescribeVpcs' }, ec2.reason)] }
  }
  if (elbv2.status === 'rejected') throw elbv2.reason
  return { inventory: { account, region, ec2: ec2.value, elbv2: elbv2.value }, warnings }
}
