/**
 * Inventory: the raw result of one collection run, in the SDK's own output shapes, per account and
 * region, with the run's warnings. Discovery, the AWS CLI import and the demo generator all produce it,
 * so everything after it (normalize, store, analysis, web) is shared.
 */
import Type, { type Static } from 'typebox'
import * as ec2 from './ec2.ts'
import * as elbv2 from './elbv2.ts'

const list = <T extends Type.TSchema>(t: T) => Type.Array(t)

/** Everything collected in one account × region. Keys are the SDK response list names. */
export const RegionInventory = Type.Object({
  account: Type.String({ pattern: '^[0-9]{12}$' }),
  region: Type.String({ minLength: 1 }),
  ec2: Type.Object({
    Vpcs: list(ec2.Vpc),
    Subnets: list(ec2.Subnet),
    RouteTables: list(ec2.RouteTable),
    InternetGateways: list(ec2.InternetGateway),
    EgressOnlyInternetGateways: list(ec2.EgressOnlyInternetGateway),
    NatGateways: list(ec2.NatGateway),
    VpcPeeringConnections: list(ec2.VpcPeeringConnection),
    TransitGatewayAttachments: list(ec2.TransitGatewayAttachment),
    VpcEndpoints: list(ec2.VpcEndpoint),
    ManagedPrefixLists: list(ec2.ManagedPrefixList),
    /** GetManagedPrefixListEntries, keyed by prefix list id. */
    PrefixListEntries: Type.Record(Type.String(), list(ec2.PrefixListEntry)),
    NetworkAcls: list(ec2.NetworkAcl),
    SecurityGroups: list(ec2.SecurityGroup),
    SecurityGroupRules: list(ec2.SecurityGroupRule),
    NetworkInterfaces: list(ec2.NetworkInterface),
    Reservations: list(ec2.Reservation),
    Addresses: list(ec2.Address),
  }),
  elbv2: Type.Object({
    LoadBalancers: list(elbv2.LoadBalancer),
    Listeners: list(elbv2.Listener),
    /** DescribeRules, keyed by listener ARN (the output does not name its listener). */
    Rules: Type.Record(Type.String(), list(elbv2.Rule)),
    TargetGroups: list(elbv2.TargetGroup),
    /** DescribeTargetHealth, keyed by target group ARN. */
    TargetHealth: Type.Record(Type.String(), list(elbv2.TargetHealthDescription)),
    /** DescribeTargetGroupAttributes, keyed by target group ARN. */
    TargetGroupAttributes: Type.Record(Type.String(), list(elbv2.TargetGroupAttribute)),
  }),
})
export type RegionInventory = Static<typeof RegionInventory>

/** Something a run could not collect; the rest of the run is kept. Never holds credentials. */
export const CollectionWarning = Type.Object({
  account: Type.String(),
  region: Type.String(),
  service: Type.String(),
  operation: Type.String(),
  code: Type.String(),
  message: Type.String(),
})
export type CollectionWarning = Static<typeof CollectionWarning>

export const InventorySource = Type.Union([Type.Literal('demo'), Type.Literal('discover'), Type.Literal('import')])
export type InventorySource = Static<typeof InventorySource>

export const Inventory = Type.Object({
  schemaVersion: Type.Literal(1),
  source: InventorySource,
  /** ISO time the collection finished. Not part of the canonical hash. */
  collectedAt: Type.String(),
  regions: Type.Array(RegionInventory),
  warnings: Type.Array(CollectionWarning),
})
export type Inventory = Static<typeof Inventory>

/** An empty region inventory, the starting point for every producer. */
export function emptyRegionInventory(account: string, region: string): RegionInventory {
  return {
    account, region,
    ec2: {
      Vpcs: [], Subnets: [], RouteTables: [], InternetGateways: [], EgressOnlyInternetGateways: [], NatGateways: [],
      VpcPeeringConnections: [], TransitGatewayAttachments: [], VpcEndpoints: [], ManagedPrefixLists: [],
      PrefixListEntries: {}, NetworkAcls: [], SecurityGroups: [], SecurityGroupRules: [], NetworkInterfaces: [],
      Reservations: [], Addresses: [],
    },
    elbv2: { LoadBalancers: [], Listeners: [], Rules: {}, TargetGroups: [], TargetHealth: {}, TargetGroupAttributes: {} },
  }
}
