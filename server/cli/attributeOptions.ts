import type { Command } from 'commander'
import type { AttributionTarget } from '../attribution/attributionTargets.ts'
import { DEFAULT_ATTRIBUTE_LIMIT, type LookupEvents } from '../attribution/collectAttribution.ts'
import { type DiscoverFlags, discoverSettings, positiveIntFlag, withAwsAccessOptions } from './discoverOptions.ts'

export interface AttributeFlags extends DiscoverFlags { attribute?: boolean; attributeLimit?: string }

/** `--attribute` and the AWS access flags it reads CloudTrail with (the same as `discover`'s). */
export function withAttributeOptions(c: Command): Command {
  return withAwsAccessOptions(c
    .option('--attribute', 'look up who made each change in AWS CloudTrail (LookupEvents, read-only)')
    .option('--attribute-limit <n>', `look up at most this many changed resources (default ${DEFAULT_ATTRIBUTE_LIMIT}; CloudTrail answers ~2 calls/s)`))
}

/** The flags checked up front (a usage error stops the command before any work). */
export function attributeSettings(flags: AttributeFlags) {
  const { access } = discoverSettings({ ...flags, regions: undefined, concurrency: undefined })
  return { access, limit: positiveIntFlag('--attribute-limit', flags.attributeLimit, DEFAULT_ATTRIBUTE_LIMIT) }
}

/**
 * LookupEvents with the flags' credentials; the home region (for STS) falls back to the resources' own.
 * The AWS SDK is loaded here, on first use, not when a command that merely offers --attribute starts.
 */
export async function lookupFromFlags(flags: AttributeFlags, targets: AttributionTarget[]): Promise<LookupEvents> {
  const { access } = attributeSettings(flags)
  const { resolveHomeRegion } = await import('../discovery/resolveHomeRegion.ts')
  const { cloudTrailLookup } = await import('../attribution/cloudTrailLookup.ts')
  const home = (await resolveHomeRegion(flags.profile, undefined)) ?? targets[0]?.region ?? 'us-east-1'
  return cloudTrailLookup(access, home, { roleArn: flags.roleArn, externalId: flags.externalId, orgRole: flags.orgRole })
}

