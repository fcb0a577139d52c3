import type { Address, NetworkInterface, Subnet, Tag } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { SgRef } from './buildSecurityGroup.ts'
import type { DemoBuilder } from './demoBuilder.ts'

export interface EniSpec {
  /** Stable key: the ENI id, its addresses and its MAC all derive from it. */
  key: string
  subnet: Subnet
  groups: SgRef[]
  interfaceType: 'interface' | 'nat_gateway' | 'network_load_balancer' | 'vpc_endpoint'
  description?: string
  requesterId?: string
  attachment?: { instanceId?: string; instanceOwnerId: string; deviceIndex: number }
  /** 'auto': an Amazon-owned public IP (released on stop); 'eip': an Elastic IP, listed in Addresses. */
  publicIp?: 'auto' | 'eip'
  ipv6?: boolean
  sourceDestCheck?: boolean
  addressTags?: Tag[]
  tags?: Tag[]
}

export interface BuiltEni {
  eni: NetworkInterface
  privateIp: string
  privateDnsName: string
  publicIp?: string
  allocationId?: string
  ipv6?: string
}

/** The DescribeNetworkInterfaces form, plus the DescribeAddresses entry when the ENI holds an Elastic IP. */
export function buildNetworkInterface(b: DemoBuilder, spec: EniSpec): BuiltEni {
  const { subnet } = spec
  const NetworkInterfaceId = b.ids.id('eni', spec.key)
  const privateIp = b.addresses.privateIpv4(subnet, spec.key)
  const ipv6 = spec.ipv6 ? b.addresses.ipv6(subnet, spec.key) : undefined
  const publicIp = spec.publicIp ? b.addresses.publicIpv4(spec.key) : undefined
  const isEip = spec.publicIp === 'eip'
  const allocationId = isEip ? b.ids.id('eipalloc', spec.key) : undefined
  const associationId = isEip ? b.ids.id('eipassoc', spec.key) : undefined
  const association = publicIp === undefined ? undefined : {
    IpOwnerId: isEip ? b.account : 'amazon',
    PublicDnsName: `ec2-${publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com`,
    PublicIp: publicIp,
    ...(isEip && { AllocationId: allocationId, AssociationId: associationId }),
  }
  const privateDnsName = `ip-${privateIp.replaceAll('.', '-')}.ec2.internal`
  const requesterManaged = spec.requesterId !== undefined
  const att = spec.attachment
  const eni = sdkShape<NetworkInterface>({
    NetworkInterfaceId,
    ...(association && { Association: association }),
    ...(att && {
      Attachment: {
        // Requester-managed ENIs are attached by the service ("ela-attach"), not by an instance launch.
        AttachmentId: b.ids.id(requesterManaged ? 'ela-attach' : 'eni-attach', spec.key),
        DeleteOnTermination: !requesterManaged,
        DeviceIndex: att.deviceIndex,
        NetworkCardIndex: 0,
        ...(att.instanceId !== undefined && { InstanceId: att.instanceId }),
        InstanceOwnerId: att.instanceOwnerId,
        Status: 'attached',
      },
    }),
    AvailabilityZone: subnet.AvailabilityZone,
    Description: spec.description ?? '',
    Groups: spec.groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
    InterfaceType: spec.interfaceType,
    Ipv6Addresses: ipv6 ? [{ Ipv6Address: ipv6, IsPrimaryIpv6: false }] : [],
    MacAddress: b.ids.hex(`mac:${spec.key}`, 10).replace(/(..)(?!$)/g, '$1:').replace(/^/, '0e:'),
    OwnerId: b.account,
    PrivateDnsName: privateDnsName,
    PrivateIpAddress: privateIp,
    PrivateIpAddresses: [{
      ...(association && { Association: association }),
      Primary: true,
      PrivateDnsName: privateDnsName,
      PrivateIpAddress: privateIp,
    }],
    RequesterId: spec.requesterId,
    RequesterManaged: requesterManaged,
    SourceDestCheck: spec.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: subnet.SubnetId,
    TagSet: spec.tags ?? [],
    VpcId: subnet.VpcId,
  })
  if (spec.requesterId === undefined) delete eni.RequesterId
  b.inv.ec2.NetworkInterfaces.push(eni)
  if (isEip && publicIp && allocationId) {
    b.inv.ec2.Addresses.push(sdkShape<Address>({
      AllocationId: allocationId,
      AssociationId: associationId,
      Domain: 'vpc',
      ...(att?.instanceId !== undefined && { InstanceId: att.instanceId }),
      NetworkInterfaceId,
      NetworkInterfaceOwnerId: b.account,
      PrivateIpAddress: privateIp,
      PublicIp: publicIp,
      PublicIpv4Pool: 'amazon',
      NetworkBorderGroup: b.region,
      Tags: spec.addressTags ?? [],
    }))
  }
  return { eni, privateIp, privateDnsName, publicIp, allocationId, ipv6 }
}
