import { AddressSet } from './AddressSet.ts'
import type { Model, RouteC, RouteTableC, SubnetC } from './Model.ts'

export interface RoutePiece {
  route: RouteC | null
  set: AddressSet
  /** Replies to these addresses leave through this VPC's internet gateway (or the appliance inbound traffic was sent through). */
  internet: boolean
  code?: string
}

/** A gateway route table sending inbound traffic for a subnet to an appliance first (§3.2). */
export interface Redirect { routeTableId: string; route: RouteC }

/**
 * Longest-prefix-match routing per subnet (§3.3-§3.4): for every destination address, the route that
 * wins, and whether it returns replies to the internet. A blackhole route still wins the match and
 * drops what it matches (RA: BAD_STATE_ROUTE); it does not hand traffic to a less specific route.
 */
export class RouteEvaluator {
  private readonly pieces = new Map<string, RoutePiece[]>()
  private readonly redirects = new Map<string, Redirect | null>()

  constructor(private readonly model: Model) {}

  table(subnet: SubnetC): RouteTableC | undefined {
    return subnet.routeTableId ? this.model.routeTables.get(subnet.routeTableId) : undefined
  }

  /** The winning route for each address, as disjoint pieces covering everything. */
  returnPieces(subnet: SubnetC): RoutePiece[] {
    const hit = this.pieces.get(subnet.id)
    if (hit) return hit
    const rt = this.table(subnet)
    const vpc = this.model.vpcs.get(subnet.vpcId)
    const redirect = this.redirect(subnet)
    const out: RoutePiece[] = []
    let remaining = AddressSet.ALL
    for (const r of rt?.routes ?? []) {
      const m = remaining.intersect(r.addrs)
      if (m.isEmpty()) continue
      const active = r.state === 'active'
      const toIgw = active && r.targetKind === 'igw' && r.target === vpc?.igwId
      const toAppliance = active && !!redirect && r.target === redirect.route.target
      out.push({
        route: r, set: m, internet: toIgw || toAppliance,
        ...(!active ? { code: 'BAD_STATE_ROUTE' } : !(toIgw || toAppliance) ? { code: moreSpecificThanIgw(r, rt!, vpc?.igwId) ? 'MORE_SPECIFIC_ROUTE' : 'CANNOT_ROUTE' } : {}),
      })
      remaining = remaining.subtract(m)
    }
    if (!remaining.isEmpty()) out.push({ route: null, set: remaining, internet: false, code: 'NO_ROUTE_TO_DESTINATION' })
    this.pieces.set(subnet.id, out)
    return out
  }

  /** The winning route for one address, or null. */
  routeFor(subnet: SubnetC, address: AddressSet): RouteC | null {
    for (const r of this.table(subnet)?.routes ?? []) if (r.addrs.covers(address)) return r
    return null
  }

  /** The IGW's gateway route table, when it sends this subnet's inbound traffic somewhere other than `local`. */
  redirect(subnet: SubnetC): Redirect | null {
    if (this.redirects.has(subnet.id)) return this.redirects.get(subnet.id)!
    const vpc = this.model.vpcs.get(subnet.vpcId)
    const gw = vpc?.igwId ? this.model.gatewayRouteTables.get(vpc.igwId) : undefined
    let found: Redirect | null = null
    if (gw) {
      // The most specific gateway route covering the subnet's IPv4 block (its IPv6 block if it has none).
      const probe = subnet.cidrs.v4.isEmpty() ? subnet.cidrs : subnet.cidrs.onlyV4()
      const route = probe.isEmpty() ? undefined : gw.routes.find((r) => r.state === 'active' && r.addrs.covers(probe))
      if (route && route.targetKind !== 'local') found = { routeTableId: gw.id, route }
    }
    this.redirects.set(subnet.id, found)
    return found
  }
}

function moreSpecificThanIgw(r: RouteC, rt: RouteTableC, igwId: string | undefined | null): boolean {
  return !!igwId && rt.routes.some((o) => o.targetKind === 'igw' && o.target === igwId && o.family === r.family && o.prefix < r.prefix && o.addrs.covers(r.addrs))
}
