import type { Route, RouteTable } from '../../shared/index.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

/** A static route to `target`, as CreateRoute leaves it. */
export const route = (destination: Pick<Route, 'DestinationCidrBlock' | 'DestinationIpv6CidrBlock' | 'DestinationPrefixListId'>,
  target: Omit<Route, 'DestinationCidrBlock' | 'DestinationIpv6CidrBlock' | 'DestinationPrefixListId'>): Route =>
  ({ ...destination, ...target, Origin: 'CreateRoute', State: 'active' })

/** The routes every table of the VPC starts with and cannot lose: its CIDRs via 'local'. */
function localRoutes(vpc: VpcRef): Route[] {
  return [
    { DestinationCidrBlock: vpc.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
    ...(vpc.ipv6Cidr ? [{ DestinationIpv6CidrBlock: vpc.ipv6Cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }] : []),
  ]
}

export interface RouteTableSpec {
  vpc: VpcRef
  name: string
  tier: string
  main?: boolean
  subnetIds: string[]
  routes: Route[]
}

export function buildRouteTable(b: DemoBuilder, spec: RouteTableSpec): RouteTable {
  const RouteTableId = b.ids.id('rtb', `${spec.vpc.vpcId}/${spec.name}`)
  const table: RouteTable = {
    Associations: [
      ...(spec.main ? [{
        Main: true,
        RouteTableAssociationId: b.ids.id('rtbassoc', `${RouteTableId}/main`),
        RouteTableId,
        AssociationState: { State: 'associated' },
      }] : []),
    ],
    PropagatingVgws: [],
    RouteTableId,
    Routes: [...localRoutes(spec.vpc), ...spec.routes],
    Tags: toTags({ Name: spec.name, env: spec.vpc.env, team: spec.vpc.team, tier: spec.tier }),
    VpcId: spec.vpc.vpcId,
    OwnerId: b.account,
  }
  for (const subnetId of spec.subnetIds) associateRouteTable(b, table, subnetId)
  b.inv.ec2.RouteTables.push(table)
  return table
}

/** An explicit subnet association; mutates `table`, so story steps call it on a copy. */
export function associateRouteTable(b: DemoBuilder, table: RouteTable, subnetId: string): void {
  table.Associations ??= []
  table.Associations.push({
    Main: false,
    RouteTableAssociationId: b.ids.id('rtbassoc', `${table.RouteTableId}/${subnetId}`),
    RouteTableId: table.RouteTableId,
    SubnetId: subnetId,
    AssociationState: { State: 'associated' },
  })
}
