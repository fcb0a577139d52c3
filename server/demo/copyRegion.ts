import type { RegionInventory } from '../../shared/index.ts'

/**
 * A copy of a region whose lists and keyed records are new but whose resource objects are shared with
 * the original. A story step adds and removes freely, and replaces (never edits) the objects it changes,
 * so versions share every unchanged object: five versions of 20,000 ENIs cost little more than one.
 */
export function copyRegion(region: RegionInventory): RegionInventory {
  const { ec2, elbv2 } = region
  return {
    ...region,
    ec2: {
      Vpcs: [...ec2.Vpcs], Subnets: [...ec2.Subnets], RouteTables: [...ec2.RouteTables],
      InternetGateways: [...ec2.InternetGateways], EgressOnlyInternetGateways: [...ec2.EgressOnlyInternetGateways],
      NatGateways: [...ec2.NatGateways], VpcPeeringConnections: [...ec2.VpcPeeringConnections],
      TransitGatewayAttachments: [...ec2.TransitGatewayAttachments], VpcEndpoints: [...ec2.VpcEndpoints],
      ManagedPrefixLists: [...ec2.ManagedPrefixLists], PrefixListEntries: { ...ec2.PrefixListEntries },
      NetworkAcls: [...ec2.NetworkAcls], SecurityGroups: [...ec2.SecurityGroups], SecurityGroupRules: [...ec2.SecurityGroupRules],
      NetworkInterfaces: [...ec2.NetworkInterfaces], Reservations: [...ec2.Reservations], Addresses: [...ec2.Addresses],
    },
    elbv2: {
      LoadBalancers: [...elbv2.LoadBalancers], Listeners: [...elbv2.Listeners], Rules: { ...elbv2.Rules },
      TargetGroups: [...elbv2.TargetGroups], TargetHealth: { ...elbv2.TargetHealth },
      TargetGroupAttributes: { ...elbv2.TargetGroupAttributes },
    },
  }
}
