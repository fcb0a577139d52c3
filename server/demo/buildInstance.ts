import type { Instance, Reservation, Subnet } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import type { SgRef } from './buildSecurityGroup.ts'
import { buildNetworkInterface } from './buildNetworkInterface.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

export interface InstanceSpec {
  /** The Name tag, unique in the account: `prod-app-1`. Ids derive from it. */
  name: string
  vpc: VpcRef
  subnet: Subnet
  groups: SgRef[]
  instanceType: string
  role: string
  publicIp?: 'auto' | 'eip'
  ipv6?: boolean
}

export interface BuiltInstance {
  instanceId: string
  eniId: string
  privateIp: string
  publicIp?: string
}

/** Amazon Linux 2023 and Ubuntu 22.04 images of us-east-1, so ImageId looks familiar. */
const IMAGES = ['ami-0fff1b9a61dec8a5f', 'ami-0ebfd941bbafe70c6', 'ami-0e86e20dae9224db8']

/** A running instance with one primary ENI, in its own reservation, as DescribeInstances returns it. */
export function buildInstance(b: DemoBuilder, spec: InstanceSpec): BuiltInstance {
  const key = `instance:${spec.name}`
  const instanceId = b.ids.id('i', key)
  const built = buildNetworkInterface(b, {
    key,
    subnet: spec.subnet,
    groups: spec.groups,
    interfaceType: 'interface',
    attachment: { instanceId, instanceOwnerId: b.account, deviceIndex: 0 },
    publicIp: spec.publicIp,
    ipv6: spec.ipv6,
    addressTags: toTags({ Name: `${spec.name}-eip`, env: spec.vpc.env, team: spec.vpc.team }),
  })
  const { eni } = built
  const arm = spec.instanceType.includes('g.') // m7g.large, t4g.small: Graviton
  const instance = sdkShape<Instance>({
    InstanceId: instanceId,
    ImageId: b.ids.pick(`ami:${spec.name}`, IMAGES),
    InstanceType: spec.instanceType,
    KeyName: `${spec.vpc.env}-ops`,
    Placement: { AvailabilityZone: spec.subnet.AvailabilityZone, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: built.privateDnsName,
    PrivateIpAddress: built.privateIp,
    PublicDnsName: built.publicIp ? eni.Association?.PublicDnsName : '',
    ...(built.publicIp && { PublicIpAddress: built.publicIp }),
    State: { Code: 16, Name: 'running' },
    SubnetId: spec.subnet.SubnetId,
    VpcId: spec.vpc.vpcId,
    Architecture: arm ? 'arm64' : 'x86_64',
    EbsOptimized: true,
    Monitoring: { State: 'disabled' },
    PlatformDetails: 'Linux/UNIX',
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    VirtualizationType: 'hvm',
    SourceDestCheck: true,
    IamInstanceProfile: {
      Arn: `arn:aws:iam::${b.account}:instance-profile/${spec.vpc.env}-${spec.role}`,
      Id: `AIPA${b.ids.hex(`profile:${spec.vpc.env}-${spec.role}`, 17).toUpperCase()}`,
    },
    MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2, State: 'applied' },
    SecurityGroups: spec.groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })),
    NetworkInterfaces: [{
      ...(eni.Association && { Association: eni.Association }),
      Attachment: { ...eni.Attachment, DeviceIndex: 0 },
      Description: '',
      Groups: eni.Groups,
      Ipv6Addresses: eni.Ipv6Addresses,
      MacAddress: eni.MacAddress,
      NetworkInterfaceId: eni.NetworkInterfaceId,
      OwnerId: b.account,
      PrivateDnsName: built.privateDnsName,
      PrivateIpAddress: built.privateIp,
      PrivateIpAddresses: eni.PrivateIpAddresses,
      SourceDestCheck: true,
      Status: 'in-use',
      SubnetId: spec.subnet.SubnetId,
      VpcId: spec.vpc.vpcId,
      InterfaceType: 'interface',
    }],
    Tags: toTags({ Name: spec.name, env: spec.vpc.env, team: spec.vpc.team, role: spec.role }),
  })
  b.inv.ec2.Reservations.push(sdkShape<Reservation>({
    ReservationId: b.ids.id('r', key),
    OwnerId: b.account,
    Groups: [],
    Instances: [instance],
  }))
  return { instanceId, eniId: eni.NetworkInterfaceId, privateIp: built.privateIp, publicIp: built.publicIp }
}
