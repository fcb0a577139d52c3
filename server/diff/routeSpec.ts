import type { Route } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'
import { isWorldCidr } from '../../shared/network/index.ts'
import type { RuleSpec } from './RuleSpec.ts'

const TARGET_FIELDS = [
  'GatewayId', 'NatGatewayId', 'TransitGatewayId', 'VpcPeeringConnectionId', 'EgressOnlyInternetGatewayId',
  'NetworkInterfaceId', 'InstanceId', 'LocalGatewayId', 'CarrierGatewayId', 'CoreNetworkArn',
] as const

export const routeDestination = (r: Route) =>
  r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? 'unknown'
export const routeTarget = (r: Route) => TARGET_FIELDS.map((f) => r[f]).find((v) => !!v) ?? 'none'

/**
 * Routes, identified by destination (§3: one route per destination in a table). A default route that
 * starts pointing at an internet gateway makes the subnet public: its ENIs with public addresses can
 * now answer the internet.
 */
export const routeSpec: RuleSpec<Route> = {
  collection: 'routes',
  rules: (r) => ((r.raw as { Routes?: Route[] }).Routes) ?? [],
  key: routeDestination,
  content: (r) => canonicalJson(r),
  summary: (r) => `${routeDestination(r)} → ${routeTarget(r)}${r.State === 'blackhole' ? ' (blackhole)' : ''}`,
  severity(change, before, after) {
    const toIgw = (r?: Route) => !!r && r.State !== 'blackhole' && routeTarget(r).startsWith('igw-')
    if (change !== 'removed' && toIgw(after) && !toIgw(before)) return isWorldCidr(routeDestination(after!)) ? 'medium' : 'low'
    if (change === 'removed' && toIgw(before)) return 'info'
    return 'low'
  },
}
