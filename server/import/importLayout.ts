/**
 * The offline import layout: one JSON file per AWS CLI call, named after the CLI operation, holding
 * one response or an array of responses (pages, or one call per load balancer / listener), which are
 * concatenated. Calls whose output does not name their parameter are a folder of that name with one
 * file per parameter value, named by the URL-encoded value. This table is the single description of
 * the layout: import reads it, `discover --save-raw` writes it, scripts/collect-with-aws-cli.sh
 * follows it, and discovery takes its operation names and response keys from it.
 */
import Type, { type TSchema } from 'typebox'
import * as ec2 from '../../shared/schemas/ec2.ts'
import * as elbv2 from '../../shared/schemas/elbv2.ts'
import type { RegionInventory } from '../../shared/index.ts'

type Ec2ListKey = { [K in keyof RegionInventory['ec2']]: RegionInventory['ec2'][K] extends unknown[] ? K : never }[keyof RegionInventory['ec2']]
type Elbv2ListKey = 'LoadBalancers' | 'Listeners' | 'TargetGroups'
type KeyedKey = 'PrefixListEntries' | 'TargetHealth' | 'TargetGroupAttributes'

interface Base {
  /** The API operation, e.g. DescribeVpcs; the CLI operation and file name are its kebab-case form. */
  operation: string
  /** The list in the response, e.g. Vpcs. */
  responseKey: string
  item: TSchema
}
export type ListCall = Base & ({ service: 'ec2'; inventoryKey: Ec2ListKey } | { service: 'elbv2'; inventoryKey: Elbv2ListKey })
export type KeyedCall = Base & { service: 'ec2' | 'elbv2'; inventoryKey: KeyedKey; parameter: string }

/** Calls whose every response lands in one inventory list. */
export const LIST_CALLS: readonly ListCall[] = [
  { service: 'ec2', operation: 'DescribeVpcs', responseKey: 'Vpcs', inventoryKey: 'Vpcs', item: ec2.Vpc },
  { service: 'ec2', operation: 'DescribeSubnets', responseKey: 'Subnets', inventoryKey: 'Subnets', item: ec2.Subnet },
  { service: 'ec2', operation: 'DescribeRouteTables', responseKey: 'RouteTables', inventoryKey: 'RouteTables', item: ec2.RouteTable },
  { service: 'ec2', operation: 'DescribeInternetGateways', responseKey: 'InternetGateways', inventoryKey: 'InternetGateways', item: ec2.InternetGateway },
  { service: 'ec2', operation: 'DescribeEgressOnlyInternetGateways', responseKey: 'EgressOnlyInternetGateways', inventoryKey: 'EgressOnlyInternetGateways', item: ec2.EgressOnlyInternetGateway },
  { service: 'ec2', operation: 'DescribeNatGateways', responseKey: 'NatGateways', inventoryKey: 'NatGateways', item: ec2.NatGateway },
  { service: 'ec2', operation: 'DescribeVpcPeeringConnections', responseKey: 'VpcPeeringConnections', inventoryKey: 'VpcPeeringConnections', item: ec2.VpcPeeringConnection },
  { service: 'ec2', operation: 'DescribeTransitGatewayAttachments', responseKey: 'TransitGatewayAttachments', inventoryKey: 'TransitGatewayAttachments', item: ec2.TransitGatewayAttachment },
  { service: 'ec2', operation: 'DescribeVpcEndpoints', responseKey: 'VpcEndpoints', inventoryKey: 'VpcEndpoints', item: ec2.VpcEndpoint },
  { service: 'ec2', operation: 'DescribeManagedPrefixLists', responseKey: 'PrefixLists', inventoryKey: 'ManagedPrefixLists', item: ec2.ManagedPrefixList },
  { service: 'ec2', operation: 'DescribeNetworkAcls', responseKey: 'NetworkAcls', inventoryKey: 'NetworkAcls', item: ec2.NetworkAcl },
  { service: 'ec2', operation: 'DescribeSecurityGroups', responseKey: 'SecurityGroups', inventoryKey: 'SecurityGroups', item: ec2.SecurityGroup },
  { service: 'ec2', operation: 'DescribeSecurityGroupRules', responseKey: 'SecurityGroupRules', inventoryKey: 'SecurityGroupRules', item: ec2.SecurityGroupRule },
  { service: 'ec2', operation: 'DescribeNetworkInterfaces', responseKey: 'NetworkInterfaces', inventoryKey: 'NetworkInterfaces', item: ec2.NetworkInterface },
  { service: 'ec2', operation: 'DescribeInstances', responseKey: 'Reservations', inventoryKey: 'Reservations', item: ec2.Reservation },
  { service: 'ec2', operation: 'DescribeAddresses', responseKey: 'Addresses', inventoryKey: 'Addresses', item: ec2.Address },
  { service: 'elbv2', operation: 'DescribeLoadBalancers', responseKey: 'LoadBalancers', inventoryKey: 'LoadBalancers', item: elbv2.LoadBalancer },
  { service: 'elbv2', operation: 'DescribeListeners', responseKey: 'Listeners', inventoryKey: 'Listeners', item: elbv2.Listener },
  { service: 'elbv2', operation: 'DescribeTargetGroups', responseKey: 'TargetGroups', inventoryKey: 'TargetGroups', item: elbv2.TargetGroup },
]

/**
 * DescribeRules: one response per listener. The output does not name its listener, but every rule
 * ARN contains the listener ARN, so one file (an array of responses) is enough.
 */
export const RULES_CALL = { service: 'elbv2', operation: 'DescribeRules', responseKey: 'Rules', item: elbv2.Rule } as const

/** Calls whose output does not name their parameter: a folder, one file per URL-encoded parameter value. */
export const KEYED_CALLS: readonly KeyedCall[] = [
  { service: 'ec2', operation: 'GetManagedPrefixListEntries', parameter: 'PrefixListId', responseKey: 'Entries', inventoryKey: 'PrefixListEntries', item: ec2.PrefixListEntry },
  { service: 'elbv2', operation: 'DescribeTargetHealth', parameter: 'TargetGroupArn', responseKey: 'TargetHealthDescriptions', inventoryKey: 'TargetHealth', item: elbv2.TargetHealthDescription },
  { service: 'elbv2', operation: 'DescribeTargetGroupAttributes', parameter: 'TargetGroupArn', responseKey: 'Attributes', inventoryKey: 'TargetGroupAttributes', item: elbv2.TargetGroupAttribute },
]

/** DescribeVpcs → describe-vpcs: the AWS CLI's name for an operation. */
export function cliName(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

/** The schema of one file: a response object with the list, or an array of them. */
export function responseFileSchema(responseKey: string, item: TSchema): TSchema {
  const response = Type.Object({ [responseKey]: Type.Array(item) }, { additionalProperties: true })
  return Type.Union([response, Type.Array(response)])
}

/** The listener ARN inside a listener rule ARN (…:listener-rule/app/n/lb/listener/rule → …:listener/app/n/lb/listener). */
export function listenerArnOfRule(ruleArn: string): string | undefined {
  const m = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener-rule\/(.+)\/[^/]+$/.exec(ruleArn)
  return m ? `${m[1]}listener/${m[2]}` : undefined
}
