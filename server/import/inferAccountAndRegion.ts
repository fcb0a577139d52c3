import type { RegionInventory } from '../../shared/index.ts'

/**
 * The account and region of a flat import directory: as given, else read from the contents (owner ids,
 * availability zones, ARNs). Ambiguous or absent evidence is a problem to report, never a guess.
 */
export function inferAccountAndRegion(inv: RegionInventory, given: { account?: string; region?: string }):
  { account: string; region: string } | { problem: string } {
  const accounts = new Set<string>()
  const regions = new Set<string>()
  const { ec2, elbv2 } = inv
  for (const o of [...ec2.Vpcs, ...ec2.Subnets, ...ec2.SecurityGroups, ...ec2.NetworkInterfaces, ...ec2.Reservations]) {
    if (typeof o.OwnerId === 'string' && o.OwnerId) accounts.add(o.OwnerId)
  }
  for (const s of [...ec2.Subnets, ...ec2.NetworkInterfaces]) {
    const az = s.AvailabilityZone
    const m = az ? /^([a-z]{2}(-gov)?-[a-z]+-[0-9]+)/.exec(az) : null
    if (m) regions.add(m[1])
  }
  for (const arn of [...elbv2.LoadBalancers.map((l) => l.LoadBalancerArn), ...elbv2.TargetGroups.map((t) => t.TargetGroupArn)]) {
    const [, , , region, account] = arn.split(':')
    if (region) regions.add(region)
    if (account) accounts.add(account)
  }
  const account = given.account ?? single(accounts)
  const region = given.region ?? single(regions)
  if (given.account !== undefined && !/^[0-9]{12}$/.test(given.account)) return { problem: `--account: "${given.account}" is not a 12-digit account id` }
  if (!account) return { problem: accounts.size > 1 ? `the files name several accounts (${[...accounts].join(', ')}): use <account-id>/<region>/ folders` : 'cannot tell the account: pass --account ID' }
  if (!region) return { problem: regions.size > 1 ? `the files name several regions (${[...regions].join(', ')}): use <account-id>/<region>/ folders` : 'cannot tell the region: pass --region NAME' }
  return { account, region }
}

function single(values: Set<string>): string | undefined {
  return values.size === 1 ? [...values][0] : undefined
}
