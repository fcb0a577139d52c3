import type { NatGateway, Subnet } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import { buildNetworkInterface } from './buildNetworkInterface.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

/** A public NAT gateway with its requester-managed ENI and Elastic IP. Returns the nat- id. */
export function buildNatGateway(b: DemoBuilder, vpc: VpcRef, subnet: Subnet, name: string): string {
  const NatGatewayId = b.ids.id('nat', `${vpc.vpcId}/${name}`)
  const eni = buildNetworkInterface(b, {
    key: `nat:${NatGatewayId}`,
    subnet,
    groups: [],
    interfaceType: 'nat_gateway',
    description: `Interface for NAT Gateway ${NatGatewayId}`,
    // The NAT service's own account; AWS shows an account number here, not a service name.
    requesterId: '440744253928',
    attachment: { instanceOwnerId: 'amazon-aws', deviceIndex: 1 },
    publicIp: 'eip',
    sourceDestCheck: false,
    addressTags: toTags({ Name: `${name}-eip`, env: vpc.env, team: vpc.team }),
  })
  b.inv.ec2.NatGateways.push(sdkShape<NatGateway>({
    ConnectivityType: 'public',
    NatGatewayAddresses: [{
      AllocationId: eni.allocationId,
      NetworkInterfaceId: eni.eni.NetworkInterfaceId,
      PrivateIp: eni.privateIp,
      PublicIp: eni.publicIp,
      AssociationId: eni.eni.Association?.AssociationId,
      IsPrimary: true,
      Status: 'succeeded',
    }],
    NatGatewayId,
    State: 'available',
    SubnetId: subnet.SubnetId,
    VpcId: vpc.vpcId,
    Tags: toTags({ Name: name, env: vpc.env, team: vpc.team }),
  }))
  return NatGatewayId
}
