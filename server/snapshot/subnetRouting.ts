import type { NetworkAcl, Route, RouteTable, Subnet } from '../../shared/index.ts'

export type SubnetTier = 'public' | 'private' | 'isolated'

export interface SubnetRouting {
  routeTableId: string | null
  routeTableExplicit: boolean
  naclId: string | null
  naclExplicit: boolean
  tier: SubnetTier
}

/**
 * Which route table and network ACL a subnet uses (explicit association, else the VPC's main table /
 * default ACL), and its tier as architects name it: public when its default route goes to an internet
 * gateway, private when it goes anywhere else (NAT, transit gateway, appliance), isolated without one.
 */
export function resolveSubnetRouting(
  subnets: readonly Subnet[], routeTables: readonly RouteTable[], acls: readonly NetworkAcl[],
): Map<string, SubnetRouting> {
  const explicitRt = new Map<string, RouteTable>()
  const mainRt = new Map<string, RouteTable>()
  for (const rt of routeTables) {
    for (const a of rt.Associations ?? []) {
      if (a.SubnetId) explicitRt.set(a.SubnetId, rt)
      else if (a.Main) mainRt.set(rt.VpcId, rt)
    }
  }
  const explicitAcl = new Map<string, NetworkAcl>()
  const defaultAcl = new Map<string, NetworkAcl>()
  for (const acl of acls) {
    if (acl.IsDefault) defaultAcl.set(acl.VpcId, acl)
    for (const a of acl.Associations ?? []) if (a.SubnetId) explicitAcl.set(a.SubnetId, acl)
  }
  const out = new Map<string, SubnetRouting>()
  for (const s of subnets) {
    const rt = explicitRt.get(s.SubnetId) ?? mainRt.get(s.VpcId)
    const acl = explicitAcl.get(s.SubnetId) ?? defaultAcl.get(s.VpcId)
    out.set(s.SubnetId, {
      routeTableId: rt?.RouteTableId ?? null,
      routeTableExplicit: explicitRt.has(s.SubnetId),
      naclId: acl?.NetworkAclId ?? null,
      naclExplicit: explicitAcl.has(s.SubnetId),
      tier: tierOf(rt?.Routes ?? []),
    })
  }
  return out
}

function tierOf(routes: readonly Route[]): SubnetTier {
  const defaults = routes.filter((r) =>
    r.State !== 'blackhole' && (r.DestinationCidrBlock === '0.0.0.0/0' || r.DestinationIpv6CidrBlock === '::/0'))
  if (defaults.some((r) => r.GatewayId?.startsWith('igw-'))) return 'public'
  if (defaults.length > 0) return 'private'
  return 'isolated'
}
