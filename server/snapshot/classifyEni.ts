import type { NetworkInterface } from '../../shared/index.ts'

export type EniKind =
  | 'instance' | 'nat-gateway' | 'load-balancer' | 'vpc-endpoint' | 'gateway-lb-endpoint' | 'lambda'
  | 'rds' | 'transit-gateway' | 'efs' | 'other'

/**
 * What an ENI belongs to (aws-network-semantics.md §6). InterfaceType is an open string that AWS keeps
 * extending, and older ENIs say `interface` for everything, so Description and RequesterId decide too.
 */
export function classifyEni(eni: NetworkInterface): EniKind {
  const type = eni.InterfaceType ?? 'interface'
  const desc = eni.Description ?? ''
  const requester = eni.RequesterId ?? ''
  if (type === 'nat_gateway' || desc.startsWith('Interface for NAT Gateway')) return 'nat-gateway'
  if (type === 'network_load_balancer' || type === 'gateway_load_balancer' || type === 'load_balancer'
    || requester === 'amazon-elb' || desc.startsWith('ELB ')) return 'load-balancer'
  if (type === 'gateway_load_balancer_endpoint') return 'gateway-lb-endpoint'
  if (type === 'vpc_endpoint' || desc.startsWith('VPC Endpoint Interface')) return 'vpc-endpoint'
  if (type === 'lambda' || desc.startsWith('AWS Lambda VPC ENI')) return 'lambda'
  if (type === 'transit_gateway') return 'transit-gateway'
  if (type === 'efs') return 'efs'
  if (requester === 'amazon-rds' || desc === 'RDSNetworkInterface') return 'rds'
  if (eni.Attachment?.InstanceId) return 'instance'
  return 'other'
}

/** The ARN suffix a load balancer's node ENIs name in their Description: `ELB app/<name>/<id>`. */
export function loadBalancerKeyFromDescription(description: string | undefined): string | undefined {
  const m = /^ELB ((?:app|net|gwy)\/[^/]+\/[0-9a-f]+)$/.exec(description ?? '')
  return m?.[1]
}

export function loadBalancerKeyFromArn(arn: string): string | undefined {
  const i = arn.indexOf(':loadbalancer/')
  return i < 0 ? undefined : arn.slice(i + ':loadbalancer/'.length)
}
