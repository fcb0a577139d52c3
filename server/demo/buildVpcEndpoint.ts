import type { RouteTable, Subnet, VpcEndpoint } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import { route } from './buildRouteTable.ts'
import type { SgRef } from './buildSecurityGroup.ts'
import { buildNetworkInterface } from './buildNetworkInterface.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

export type EndpointSpec = {
  vpc: VpcRef
  /** The short service name: 'ssm', 's3'. */
  service: string
} & (
  | { type: 'Interface'; subnets: Subnet[]; groups: SgRef[] }
  /** A gateway endpoint adds a prefix-list route to each table (mutated in place, during a build). */
  | { type: 'Gateway'; routeTables: RouteTable[]; prefixListId: string }
)

/** An interface endpoint with one ENI per subnet, or a gateway endpoint with its routes. Returns the vpce- id. */
export function buildVpcEndpoint(b: DemoBuilder, spec: EndpointSpec): string {
  const ServiceName = `com.amazonaws.${b.region}.${spec.service}`
  const VpcEndpointId = b.ids.id('vpce', `${spec.vpc.vpcId}/${spec.service}`)
  const tags = toTags({ Name: `${spec.vpc.name}-${spec.service}-endpoint`, env: spec.vpc.env, team: spec.vpc.team })
  const common = { VpcEndpointId, VpcEndpointType: spec.type, VpcId: spec.vpc.vpcId, ServiceName, State: 'available', OwnerId: b.account, RequesterManaged: false, Tags: tags }
  if (spec.type === 'Gateway') {
    for (const table of spec.routeTables) {
      table.Routes?.push(route({ DestinationPrefixListId: spec.prefixListId }, { GatewayId: VpcEndpointId }))
    }
    b.inv.ec2.VpcEndpoints.push(sdkShape<VpcEndpoint>({
      ...common,
      PolicyDocument: '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      RouteTableIds: spec.routeTables.map((t) => t.RouteTableId),
      SubnetIds: [], Groups: [], NetworkInterfaceIds: [], DnsEntries: [], PrivateDnsEnabled: false,
    }))
    return VpcEndpointId
  }
  const enis = spec.subnets.map((subnet) => buildNetworkInterface(b, {
    key: `vpce:${VpcEndpointId}:${subnet.SubnetId}`,
    subnet,
    groups: spec.groups,
    interfaceType: 'vpc_endpoint',
    description: `VPC Endpoint Interface ${VpcEndpointId}`,
    requesterId: '727180483921',
    attachment: { instanceOwnerId: 'amazon-aws', deviceIndex: 1 },
    sourceDestCheck: true,
  }))
  const dnsSuffix = `${spec.service}.${b.region}.vpce.amazonaws.com`
  const token = b.ids.hex(`vpce-dns:${VpcEndpointId}`, 8)
  b.inv.ec2.VpcEndpoints.push(sdkShape<VpcEndpoint>({
    ...common,
    PolicyDocument: '{\n  "Statement": [\n    {\n      "Action": "*", \n      "Effect": "Allow", \n      "Principal": "*", \n      "Resource": "*"\n    }\n  ]\n}',
    RouteTableIds: [],
    SubnetIds: spec.subnets.map((s) => s.SubnetId),
    Groups: spec.groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
    NetworkInterfaceIds: enis.map((e) => e.eni.NetworkInterfaceId),
    PrivateDnsEnabled: true,
    IpAddressType: 'ipv4',
    DnsEntries: [
      { DnsName: `${VpcEndpointId}-${token}.${dnsSuffix}`, HostedZoneId: 'Z7HUB22UULQXV' },
      { DnsName: `${spec.service}.${b.region}.amazonaws.com`, HostedZoneId: `Z${b.ids.hex(`phz:${VpcEndpointId}`, 13).toUpperCase()}` },
    ],
  }))
  return VpcEndpointId
}
