import { buildPeering } from './buildPeering.ts'
import { buildPrefixList } from './buildPrefixList.ts'
import { buildProdWorkloads } from './buildProdWorkloads.ts'
import { buildSharedServicesWorkloads } from './buildSharedServicesWorkloads.ts'
import { buildStagingWorkloads } from './buildStagingWorkloads.ts'
import { buildVpc, type VpcModel } from './buildVpc.ts'
import { buildVpcEndpoint } from './buildVpcEndpoint.ts'
import type { DemoBuilder } from './demoBuilder.ts'

/** The three VPCs every demo has, and the ids the scaled generator builds on. */
export interface CoreDemo {
  prod: VpcModel
  staging: VpcModel
  shared: VpcModel
  officePrefixListId: string
  s3PrefixListId: string
  peeringId: string
}

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c']

/**
 * The account new users see: prod (IPv6, 3 AZs, ALB + NLB), staging (2 AZs, one NAT) and shared-services
 * (monitoring, CI) peered with prod; an office prefix list and AWS's S3/DynamoDB lists.
 */
export function buildCoreDemo(b: DemoBuilder): CoreDemo {
  const officePrefixListId = buildPrefixList(b, {
    name: 'office-networks', owner: 'customer', maxEntries: 10, version: 3, team: 'platform',
    entries: [
      { Cidr: '81.2.69.0/24', Description: 'London office' },
      { Cidr: '62.30.112.0/24', Description: 'Manchester office' },
      { Cidr: '213.205.194.0/24', Description: 'Corporate VPN egress' },
    ],
  })
  const s3PrefixListId = buildPrefixList(b, {
    name: `com.amazonaws.${b.region}.s3`, owner: 'AWS', id: 'pl-63a5400a',
    entries: ['3.5.0.0/19', '16.182.0.0/16', '18.34.0.0/19', '18.34.232.0/21', '52.216.0.0/15', '54.231.0.0/16'].map((Cidr) => ({ Cidr })),
  })
  buildPrefixList(b, {
    name: `com.amazonaws.${b.region}.dynamodb`, owner: 'AWS', id: 'pl-02cd2c6b',
    entries: ['3.218.180.0/22', '3.218.184.0/22', '52.94.0.0/22', '52.119.224.0/20'].map((Cidr) => ({ Cidr })),
  })

  const tiers = ['public', 'private', 'isolated'] as const
  const prod = buildVpc(b, { name: 'prod', cidr: '10.0.0.0/16', ipv6: true, azs: AZS, tiers: [...tiers], natPerAz: true, env: 'prod', team: 'platform' })
  const staging = buildVpc(b, { name: 'staging', cidr: '10.1.0.0/16', azs: AZS.slice(0, 2), tiers: [...tiers], natPerAz: false, env: 'staging', team: 'platform' })
  const shared = buildVpc(b, { name: 'shared-services', cidr: '10.2.0.0/16', azs: AZS.slice(0, 2), tiers: ['public', 'private'], natPerAz: false, env: 'shared', team: 'sre' })

  const peeringId = buildPeering(b, prod, shared,
    [prod.publicTable!, ...prod.privateTables], [shared.publicTable!, ...shared.privateTables])
  // Gateway endpoints keep S3 traffic (backups, artifacts) off the NAT gateways.
  buildVpcEndpoint(b, { vpc: prod.ref, service: 's3', type: 'Gateway', routeTables: [...prod.privateTables, prod.isolatedTable], prefixListId: s3PrefixListId })
  buildVpcEndpoint(b, { vpc: staging.ref, service: 's3', type: 'Gateway', routeTables: staging.privateTables, prefixListId: s3PrefixListId })

  const monitoring = buildSharedServicesWorkloads(b, shared, officePrefixListId)
  buildProdWorkloads(b, prod, { monitoringSg: monitoring.monitoringSg, sharedVpcId: shared.ref.vpcId, peeringId })
  buildStagingWorkloads(b, staging, officePrefixListId)
  return { prod, staging, shared, officePrefixListId, s3PrefixListId, peeringId }
}
