import type { Route, RouteTable } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import { parseCidr } from '../../shared/network/index.ts'
import type { PrefixListC, RouteC, RouteTableC, RouteTargetKind } from './Model.ts'

/** A route table's routes with parsed destinations; prefix-list routes expand to one route per entry (§3.3). */
export function compileRouteTable(rt: RouteTable, prefixLists: Map<string, PrefixListC>, prefixListCidrs: Map<string, string[]>): RouteTableC {
  const routes: RouteC[] = []
  for (const r of rt.Routes ?? []) {
    const [target, targetKind] = routeTarget(r)
    const state = r.State ?? 'active'
    const propagated = r.Origin === 'EnableVgwRoutePropagation'
    const add = (cidr: string, priority: number, destination: string) => {
      const p = parseCidr(cidr)
      if (!p) return
      routes.push({ destination, addrs: AddressSet.fromCidr(cidr), prefix: p.prefix, family: p.family, target, targetKind, state, priority })
    }
    if (r.DestinationCidrBlock) add(r.DestinationCidrBlock, propagated ? 2 : 0, r.DestinationCidrBlock)
    else if (r.DestinationIpv6CidrBlock) add(r.DestinationIpv6CidrBlock, propagated ? 2 : 0, r.DestinationIpv6CidrBlock)
    else if (r.DestinationPrefixListId && prefixLists.has(r.DestinationPrefixListId)) {
      for (const c of prefixListCidrs.get(r.DestinationPrefixListId) ?? []) add(c, 1, r.DestinationPrefixListId)
    }
  }
  // Longest prefix first, then static > prefix list > propagated: the first route containing an address wins.
  routes.sort((a, b) => b.prefix - a.prefix || a.priority - b.priority)
  const assoc = rt.Associations ?? []
  return {
    id: rt.RouteTableId, vpcId: rt.VpcId, routes,
    gatewayIds: assoc.map((a) => a.GatewayId).filter((g): g is string => !!g),
    main: assoc.some((a) => a.Main),
  }
}

function routeTarget(r: Route): [string, RouteTargetKind] {
  if (r.GatewayId === 'local') return ['local', 'local']
  if (r.GatewayId?.startsWith('igw-')) return [r.GatewayId, 'igw']
  if (r.GatewayId?.startsWith('vgw-')) return [r.GatewayId, 'vgw']
  if (r.GatewayId?.startsWith('vpce-')) return [r.GatewayId, 'vpce']
  if (r.EgressOnlyInternetGatewayId) return [r.EgressOnlyInternetGatewayId, 'eigw']
  if (r.NatGatewayId) return [r.NatGatewayId, 'nat']
  if (r.TransitGatewayId) return [r.TransitGatewayId, 'tgw']
  if (r.VpcPeeringConnectionId) return [r.VpcPeeringConnectionId, 'pcx']
  if (r.NetworkInterfaceId) return [r.NetworkInterfaceId, 'eni']
  if (r.InstanceId) return [r.InstanceId, 'instance']
  const other = r.GatewayId ?? r.LocalGatewayId ?? r.CarrierGatewayId ?? r.CoreNetworkArn ?? 'unknown'
  return [other, 'other']
}
