import type { ResourceKind } from '../../shared/index.ts'

/**
 * The attributes of each kind that link it to other resources. Their changes are relationship
 * changes (an ENI that moved subnet or changed groups), reported apart from plain field edits.
 */
export const RELATION_FIELDS: Partial<Record<ResourceKind, readonly string[]>> = {
  'network-interface': ['subnetId', 'groupIds', 'owner'],
  instance: ['subnetId', 'networkInterfaceIds', 'groupIds'],
  subnet: ['routeTableId', 'naclId'],
  'route-table': ['subnetIds', 'gatewayIds'],
  'network-acl': ['subnetIds'],
  'load-balancer': ['subnetIds', 'securityGroupIds', 'networkInterfaceIds'],
  'target-group': ['targets', 'loadBalancerArns'],
  listener: ['loadBalancerArn'],
  'listener-rule': ['listenerArn'],
  'vpc-endpoint': ['subnetIds', 'routeTableIds', 'groupIds', 'networkInterfaceIds'],
  'elastic-ip': ['networkInterfaceId', 'instanceId'],
  'nat-gateway': ['subnetId', 'networkInterfaceIds'],
  'internet-gateway': ['attachedVpcId'],
  'egress-only-internet-gateway': ['attachedVpcId'],
  'vpc-peering-connection': ['requesterVpcId', 'accepterVpcId'],
  'transit-gateway-attachment': ['transitGatewayId', 'resourceId'],
}

/** A link attribute as a sorted list of ids (target-group targets as `id:port`). */
export function relationIds(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) return []
  return value.map((v) => {
    if (typeof v === 'string') return v
    const t = (v as { Target?: { Id?: string; Port?: number } }).Target
    return t?.Id ? (t.Port !== undefined ? `${t.Id}:${t.Port}` : t.Id) : JSON.stringify(v)
  }).sort()
}
