import type { LoadBalancer, Subnet } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { SgRef } from './buildSecurityGroup.ts'
import { buildNetworkInterface } from './buildNetworkInterface.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

export interface LoadBalancerSpec {
  name: string
  type: 'application' | 'network'
  scheme: 'internet-facing' | 'internal'
  vpc: VpcRef
  subnets: Subnet[]
  /** Always set for an ALB; an NLB created without groups can never get any. */
  securityGroups?: SgRef[]
  dualstack?: boolean
  /** NLB only: an Elastic IP per node from SubnetMappings, so partners can allow-list fixed addresses. */
  elasticIps?: boolean
}

/** What listeners and target groups need: the ARN and the `app/<name>/<id>` path inside it. */
export interface LoadBalancerRef {
  arn: string
  path: string
  type: 'application' | 'network'
}

/**
 * The DescribeLoadBalancers entry and one requester-managed node ENI per subnet. The node ENIs are linked to
 * the LB only by their Description, `ELB app/<name>/<id>`, exactly as in AWS.
 */
export function buildLoadBalancer(b: DemoBuilder, spec: LoadBalancerSpec): LoadBalancerRef {
  const code = spec.type === 'application' ? 'app' : 'net'
  const path = `${code}/${spec.name}/${b.ids.hex(`lb:${spec.name}`, 16)}`
  const arn = `arn:aws:elasticloadbalancing:${b.region}:${b.account}:loadbalancer/${path}`
  const isPublic = spec.scheme === 'internet-facing'
  const zones = spec.subnets.map((subnet) => {
    const node = buildNetworkInterface(b, {
      key: `lb:${spec.name}:${subnet.SubnetId}`,
      subnet,
      groups: spec.securityGroups ?? [],
      interfaceType: spec.type === 'application' ? 'interface' : 'network_load_balancer',
      description: `ELB ${path}`,
      requesterId: 'amazon-elb',
      attachment: { instanceOwnerId: 'amazon-elb', deviceIndex: 1 },
      publicIp: isPublic ? (spec.elasticIps ? 'eip' : 'auto') : undefined,
      ipv6: spec.dualstack,
      addressTags: toTags({ Name: `${spec.name}-${subnet.AvailabilityZone}`, env: spec.vpc.env, team: spec.vpc.team }),
    })
    return {
      ZoneName: subnet.AvailabilityZone,
      SubnetId: subnet.SubnetId,
      // ALBs report no addresses; NLBs report each node's (fixed) addresses.
      LoadBalancerAddresses: spec.type === 'application' ? [] : [{
        ...(node.publicIp && { IpAddress: node.publicIp }),
        ...(node.allocationId && { AllocationId: node.allocationId }),
        PrivateIPv4Address: node.privateIp,
        ...(node.ipv6 && { IPv6Address: node.ipv6 }),
      }],
    }
  })
  const dns = spec.type === 'application'
    ? `${spec.name}-${1_000_000_000 + b.ids.int(`dns:${spec.name}`, 999_999_999)}.${b.region}.elb.amazonaws.com`
    : `${spec.name}-${b.ids.hex(`dns:${spec.name}`, 16)}.elb.${b.region}.amazonaws.com`
  b.inv.elbv2.LoadBalancers.push(sdkShape<LoadBalancer>({
    LoadBalancerArn: arn,
    DNSName: `${isPublic ? '' : 'internal-'}${dns}`,
    CanonicalHostedZoneId: spec.type === 'application' ? 'Z35SXDOTRQ7X7K' : 'Z26RNL4JYFTOTI',
    LoadBalancerName: spec.name,
    Scheme: spec.scheme,
    VpcId: spec.vpc.vpcId,
    State: { Code: 'active' },
    Type: spec.type,
    AvailabilityZones: zones,
    ...(spec.securityGroups && { SecurityGroups: spec.securityGroups.map((g) => g.GroupId) }),
    IpAddressType: spec.dualstack ? 'dualstack' : 'ipv4',
  }))
  return { arn, path, type: spec.type }
}
