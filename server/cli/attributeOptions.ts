import { createHash } from 'node:crypto'
import type { Command } from 'commander'
import type { Attribution, Diff, Snapshot, VersionSummary } from '../../shared/index.ts'
import { AttributionCache, isSettled } from '../attribution/attributionCache.ts'
import { attributionTargets } from '../attribution/attributionTargets.ts'
import { type AttributionWindow, attributionWindow } from '../attribution/attributionWindow.ts'
import { cloudTrailLookup } from '../attribution/cloudTrailLookup.ts'
import { collectAttribution, DEFAULT_ATTRIBUTE_LIMIT, type LookupEvents } from '../attribution/collectAttribution.ts'
import type { AttributionTarget } from '../attribution/attributionTargets.ts'
import { resolveHomeRegion } from '../discovery/resolveHomeRegion.ts'
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

/** LookupEvents with the flags' credentials; the home region (for STS) falls back to the resources' own. */
export async function lookupFromFlags(flags: AttributeFlags, targets: AttributionTarget[]): Promise<LookupEvents> {
  const { access } = attributeSettings(flags)
  const home = (await resolveHomeRegion(flags.profile, undefined)) ?? targets[0]?.region ?? 'us-east-1'
  return cloudTrailLookup(access, home, { roleArn: flags.roleArn, externalId: flags.externalId, orgRole: flags.orgRole })
}

export interface AttributeRequest {
  env: string
  dataDir: string
  from: { version: VersionSummary; snapshot: Snapshot }
  to: { version: VersionSummary; snapshot: Snapshot }
  diff: Diff
  lookup: (targets: AttributionTarget[]) => Promise<LookupEvents>
  limit: number
  now?: Date
}

/** Who changed what between two versions: from the cache when settled, else from CloudTrail (then cached). */
export async function attributeDiff(req: AttributeRequest): Promise<Attribution> {
  const { env, from, to } = req
  const cache = new AttributionCache(req.dataDir)
  const now = req.now ?? new Date()
  const window: AttributionWindow = attributionWindow(from.version, to.version, now)
  // The window moves while FROM is the latest version (each unchanged run confirms it later).
  const hashes = createHash('sha256').update(JSON.stringify([from.snapshot.hash, to.snapshot.hash, req.limit, window.start, window.end]))
    .digest('hex').slice(0, 24)
  const cached = cache.get(env, from.version.id, to.version.id, hashes)
  if (cached) return cached
  const targets = attributionTargets(req.diff, from.snapshot, to.snapshot)
  const resources = targets.length === 0 ? [] : await collectAttribution(targets, window, await req.lookup(targets), req.limit)
  const attribution: Attribution = {
    env, from: from.version.id, to: to.version.id,
    window: { start: window.start.toISOString(), end: window.end.toISOString() },
    lookedUpAt: now.toISOString(), resources,
  }
  if (isSettled(attribution, window.settling)) cache.set(env, from.version.id, to.version.id, hashes, attribution)
  return attribution
}
