import type { RouteTable } from '../../shared/index.ts'
import { route } from './buildRouteTable.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcModel } from './buildVpc.ts'

/**
 * An active same-account peering, with routes to the other VPC's CIDR in the given tables of each side
 * (mutated in place, during a build). Peering is not transitive, so each pair gets its own.
 */
export function buildPeering(b: DemoBuilder, requester: VpcModel, accepter: VpcModel,
  requesterTables: RouteTable[], accepterTables: RouteTable[]): string {
  const id = b.ids.id('pcx', `${requester.ref.vpcId}/${accepter.ref.vpcId}`)
  const info = (v: VpcModel) => ({
    CidrBlock: v.ref.cidr,
    CidrBlockSet: [{ CidrBlock: v.ref.cidr }],
    ...(v.ref.ipv6Cidr && { Ipv6CidrBlockSet: [{ Ipv6CidrBlock: v.ref.ipv6Cidr }] }),
    OwnerId: b.account,
    PeeringOptions: { AllowDnsResolutionFromRemoteVpc: true, AllowEgressFromLocalClassicLinkToRemoteVpc: false, AllowEgressFromLocalVpcToRemoteClassicLink: false },
    VpcId: v.ref.vpcId,
    Region: b.region,
  })
  b.inv.ec2.VpcPeeringConnections.push({
    AccepterVpcInfo: info(accepter),
    RequesterVpcInfo: info(requester),
    Status: { Code: 'active', Message: 'Active' },
    Tags: toTags({ Name: `${requester.ref.name}-to-${accepter.ref.name}`, team: 'platform' }),
    VpcPeeringConnectionId: id,
  })
  for (const t of requesterTables) t.Routes?.push(route({ DestinationCidrBlock: accepter.ref.cidr }, { VpcPeeringConnectionId: id }))
  for (const t of accepterTables) t.Routes?.push(route({ DestinationCidrBlock: requester.ref.cidr }, { VpcPeeringConnectionId: id }))
  return id
}
