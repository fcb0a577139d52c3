import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { type AwsAccess, buildCloudTrailClient } from '../discovery/clients.ts'
import { lookupResourceEvents } from '../discovery/lookupResourceEvents.ts'
import { type AccountTarget, resolveTargets, type TargetOptions } from '../discovery/resolveTargets.ts'
import { toWarning } from '../discovery/toWarning.ts'
import { AttributionUnavailable, type LookupEvents } from './collectAttribution.ts'

/**
 * LookupEvents against AWS with the same credentials discovery uses (`--profile`, `--role-arn`,
 * `--org-role`). Who the caller is gets asked once, first: CloudTrail answers for the caller's own
 * account only, so a resource of another account without a role into it would otherwise come back as
 * "no events" — a wrong answer; it is `not-available` instead.
 */
export function cloudTrailLookup(access: AwsAccess, homeRegion: string, targets: TargetOptions): LookupEvents {
  let accounts: Promise<Map<string, AccountTarget>> | undefined
  const clients = new Map<string, CloudTrailClient>()
  const accountsOnce = () => (accounts ??= resolveTargets(access, homeRegion, targets)
    .then(({ targets: list }) => new Map(list.map((t) => [t.account, t])))
    .catch((e: unknown) => {
      const w = toWarning({ account: '', region: homeRegion, service: 'sts', operation: 'GetCallerIdentity' }, e)
      throw new AttributionUnavailable(`no usable AWS credentials: sts:GetCallerIdentity answered ${w.code}: ${w.message}`)
    }))
  return async (target, start, end) => {
    const account = (await accountsOnce()).get(target.account)
    if (!account) {
      throw new AttributionUnavailable(`no credentials for account ${target.account}: read it with --org-role or --role-arn`)
    }
    const key = `${target.account}/${target.region}`
    let client = clients.get(key)
    if (!client) clients.set(key, (client = buildCloudTrailClient(access, target.region, account.credentials)))
    return lookupResourceEvents(client, target.resourceId, start, end)
  }
}
