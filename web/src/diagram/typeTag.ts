import type { GraphNode } from '../../../shared/index.ts'

const TAGS: Record<string, string> = {
  instance: 'EC2',
  'network-interface': 'ENI',
  'nat-gateway': 'NAT',
  'internet-gateway': 'IGW',
  'egress-only-internet-gateway': 'EIGW',
  'vpc-endpoint': 'VPCE',
  'elastic-ip': 'EIP',
  'transit-gateway-attachment': 'TGW',
  'vpc-peering-connection': 'PCX',
  'security-group': 'SG',
  'network-acl': 'NACL',
  'route-table': 'RT',
  'prefix-list': 'PL',
  'target-group': 'TG',
  listener: 'LSNR',
  'listener-rule': 'RULE',
  vpc: 'VPC',
  subnet: 'SUBNET',
  'availability-zone': 'AZ',
  region: 'REGION',
}
const LB_TAGS: Record<string, string> = { application: 'ALB', network: 'NLB', gateway: 'GWLB' }

/** The short type tag drawn on a node and shown in the legend: EC2, ENI, NAT, ALB, IGW… */
export function typeTag(node: Pick<GraphNode, 'kind' | 'details'>): string {
  if (node.kind === 'load-balancer') return LB_TAGS[node.details.type ?? ''] ?? 'ELB'
  return TAGS[node.kind] ?? node.kind.toUpperCase()
}
