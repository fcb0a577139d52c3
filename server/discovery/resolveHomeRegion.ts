import { STSClient } from '@aws-sdk/client-sts'

/**
 * The region STS, Organizations and DescribeRegions are asked in: the SDK's configured region
 * (AWS_REGION, the profile's region), else the first region asked for, else us-east-1 for `all`.
 */
export async function resolveHomeRegion(profile: string | undefined, regions: string[] | 'all' | undefined): Promise<string | undefined> {
  const fromEnv = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION
  if (fromEnv) return fromEnv
  const probe = new STSClient(profile ? { profile } : {})
  try {
    const configured = await probe.config.region()
    if (configured) return configured
  } catch { /* no region configured anywhere */ } finally { probe.destroy() }
  if (Array.isArray(regions) && regions.length > 0) return regions[0]
  return regions === 'all' ? 'us-east-1' : undefined
}
