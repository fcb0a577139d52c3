import type { NetworkAcl, RouteTable, Subnet, Vpc } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import { aclEntry } from './aclEntry.ts'
import { buildNatGateway } from './buildNatGateway.ts'
import { buildNetworkAcl } from './buildNetworkAcl.ts'
import { buildRouteTable, route } from './buildRouteTable.ts'
import { buildSecurityGroup, type SgRef } from './buildSecurityGroup.ts'
import { azLetter, buildSubnet, type Tier } from './buildSubnet.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

export interface VpcSpec {
  name: string
  cidr: string
  ipv6?: boolean
  azs: string[]
  tiers: Tier[]
  /** One NAT gateway per AZ (production) or a single one in the first AZ (cheaper, as staging does). */
  natPerAz: boolean
  env: string
  team: string
}

/** Handles to what buildVpc made, for the steps that place workloads and wire VPCs together. */
export interface VpcModel {
  ref: VpcRef
  subnets: Record<Tier, Subnet[]>
  igwId: string
  eigwId?: string
  publicTable?: RouteTable
  /** One per AZ with natPerAz, else one shared table. */
  privateTables: RouteTable[]
  /** The main table, local routes only, also explicitly associated with the isolated subnets. */
  isolatedTable: RouteTable
  defaultSg: SgRef
  defaultNacl: NetworkAcl
}

/** A VPC with its gateways, tiered subnets, NAT gateways, route tables, default NACL and default SG. */
export function buildVpc(b: DemoBuilder, spec: VpcSpec): VpcModel {
  const vpcId = b.ids.id('vpc', `vpc:${spec.name}`)
  // Amazon-provided /56 pools of us-east-1 start with 2600:1f18.
  const ipv6Cidr = spec.ipv6
    ? `2600:1f18:${(0x1000 + b.ids.int(`v6a:${vpcId}`, 0xefff)).toString(16)}:${((0x10 + b.ids.int(`v6b:${vpcId}`, 0xef)) << 8).toString(16)}::/56`
    : undefined
  const ref: VpcRef = { vpcId, name: spec.name, cidr: spec.cidr, ipv6Cidr, env: spec.env, team: spec.team }
  const tags = (name: string) => toTags({ Name: name, env: spec.env, team: spec.team })
  b.inv.ec2.Vpcs.push(sdkShape<Vpc>({
    CidrBlock: spec.cidr,
    DhcpOptionsId: b.ids.id('dopt', 'dopt:default'),
    State: 'available',
    VpcId: vpcId,
    OwnerId: b.account,
    InstanceTenancy: 'default',
    Ipv6CidrBlockAssociationSet: ipv6Cidr ? [{
      AssociationId: b.ids.id('vpc-cidr-assoc', `${vpcId}/v6`),
      Ipv6CidrBlock: ipv6Cidr,
      Ipv6CidrBlockState: { State: 'associated' },
      NetworkBorderGroup: b.region,
      Ipv6Pool: 'Amazon',
    }] : [],
    CidrBlockAssociationSet: [{
      AssociationId: b.ids.id('vpc-cidr-assoc', `${vpcId}/v4`),
      CidrBlock: spec.cidr,
      CidrBlockState: { State: 'associated' },
    }],
    IsDefault: false,
    Tags: tags(spec.name),
  }))

  const igwId = b.ids.id('igw', `${vpcId}/igw`)
  b.inv.ec2.InternetGateways.push({
    Attachments: [{ State: 'available', VpcId: vpcId }], InternetGatewayId: igwId, OwnerId: b.account, Tags: tags(`${spec.name}-igw`),
  })
  const eigwId = ipv6Cidr ? b.ids.id('eigw', `${vpcId}/eigw`) : undefined
  if (eigwId) {
    b.inv.ec2.EgressOnlyInternetGateways.push({
      Attachments: [{ State: 'attached', VpcId: vpcId }], EgressOnlyInternetGatewayId: eigwId, Tags: tags(`${spec.name}-eigw`),
    })
  }

  const subnets: Record<Tier, Subnet[]> = { public: [], private: [], isolated: [] }
  for (const tier of spec.tiers) for (const az of spec.azs) subnets[tier].push(buildSubnet(b, ref, tier, az))

  const natAzs = spec.natPerAz ? spec.azs : spec.azs.slice(0, 1)
  const natByAz = new Map(natAzs.map((az) => {
    const subnet = subnets.public.find((s) => s.AvailabilityZone === az)!
    return [az, buildNatGateway(b, ref, subnet, `${spec.name}-nat-${azLetter(az)}`)] as const
  }))

  const publicTable = subnets.public.length === 0 ? undefined : buildRouteTable(b, {
    vpc: ref, name: `${spec.name}-public-rt`, tier: 'public', subnetIds: subnets.public.map((s) => s.SubnetId),
    routes: [
      route({ DestinationCidrBlock: '0.0.0.0/0' }, { GatewayId: igwId }),
      ...(ipv6Cidr ? [route({ DestinationIpv6CidrBlock: '::/0' }, { GatewayId: igwId })] : []),
    ],
  })
  const privateRoutes = (natId: string) => [
    route({ DestinationCidrBlock: '0.0.0.0/0' }, { NatGatewayId: natId }),
    ...(eigwId ? [route({ DestinationIpv6CidrBlock: '::/0' }, { EgressOnlyInternetGatewayId: eigwId })] : []),
  ]
  const privateTables = subnets.private.length === 0 ? [] : spec.natPerAz
    ? subnets.private.map((s) => buildRouteTable(b, {
      vpc: ref, name: `${spec.name}-private-rt-${azLetter(s.AvailabilityZone)}`, tier: 'private',
      subnetIds: [s.SubnetId], routes: privateRoutes(natByAz.get(s.AvailabilityZone)!),
    }))
    : [buildRouteTable(b, {
      vpc: ref, name: `${spec.name}-private-rt`, tier: 'private',
      subnetIds: subnets.private.map((s) => s.SubnetId), routes: privateRoutes(natByAz.get(spec.azs[0])!),
    })]
  const isolatedTable = buildRouteTable(b, {
    vpc: ref, name: `${spec.name}-isolated-rt`, tier: 'isolated', main: true,
    subnetIds: subnets.isolated.map((s) => s.SubnetId), routes: [],
  })

  const defaultNacl = buildNetworkAcl(b, {
    vpc: ref, name: `${spec.name}-default-nacl`, isDefault: true,
    subnetIds: Object.values(subnets).flat().map((s) => s.SubnetId),
    entries: (['in', 'out'] as const).flatMap((d) => [
      aclEntry(100, d, 'allow', 'all', '0.0.0.0/0'),
      ...(ipv6Cidr ? [aclEntry(101, d, 'allow', 'all', '::/0')] : []),
    ]),
  })
  const defaultSg = buildSecurityGroup(b, {
    vpc: ref, name: 'default', description: 'default VPC security group',
    ingress: [{ protocol: '-1', group: 'self' }],
    egress: [{ protocol: '-1', cidr: '0.0.0.0/0' }, ...(ipv6Cidr ? [{ protocol: '-1' as const, cidr6: '::/0' }] : [])],
  })
  return { ref, subnets, igwId, eigwId, publicTable, privateTables, isolatedTable, defaultSg, defaultNacl }
}
