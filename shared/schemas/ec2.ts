/**
 * The EC2 output shapes vpclens reads, in the AWS SDK v3's own field names (PascalCase).
 * Only the fields the product uses are declared; every object allows more, because AWS adds
 * fields over time and the raw object is kept whole in the snapshot.
 */
import Type, { type Static } from 'typebox'

const open = { additionalProperties: true } as const
const Str = Type.String
const Opt = Type.Optional

export const Tag = Type.Object({ Key: Str(), Value: Str() }, open)
export type Tag = Static<typeof Tag>
const Tags = Opt(Type.Array(Tag))

export const Vpc = Type.Object({
  VpcId: Str(),
  CidrBlock: Opt(Str()),
  CidrBlockAssociationSet: Opt(Type.Array(Type.Object({ CidrBlock: Opt(Str()), AssociationId: Opt(Str()) }, open))),
  Ipv6CidrBlockAssociationSet: Opt(Type.Array(Type.Object({ Ipv6CidrBlock: Opt(Str()), AssociationId: Opt(Str()) }, open))),
  IsDefault: Opt(Type.Boolean()),
  OwnerId: Opt(Str()),
  State: Opt(Str()),
  Tags,
}, open)
export type Vpc = Static<typeof Vpc>

export const Subnet = Type.Object({
  SubnetId: Str(),
  VpcId: Str(),
  CidrBlock: Opt(Str()),
  Ipv6CidrBlockAssociationSet: Opt(Type.Array(Type.Object({ Ipv6CidrBlock: Opt(Str()), AssociationId: Opt(Str()) }, open))),
  AvailabilityZone: Str(),
  AvailabilityZoneId: Opt(Str()),
  MapPublicIpOnLaunch: Opt(Type.Boolean()),
  AssignIpv6AddressOnCreation: Opt(Type.Boolean()),
  AvailableIpAddressCount: Opt(Type.Number()),
  DefaultForAz: Opt(Type.Boolean()),
  OwnerId: Opt(Str()),
  State: Opt(Str()),
  Tags,
}, open)
export type Subnet = Static<typeof Subnet>

export const Route = Type.Object({
  DestinationCidrBlock: Opt(Str()),
  DestinationIpv6CidrBlock: Opt(Str()),
  DestinationPrefixListId: Opt(Str()),
  GatewayId: Opt(Str()),
  NatGatewayId: Opt(Str()),
  TransitGatewayId: Opt(Str()),
  VpcPeeringConnectionId: Opt(Str()),
  EgressOnlyInternetGatewayId: Opt(Str()),
  NetworkInterfaceId: Opt(Str()),
  InstanceId: Opt(Str()),
  LocalGatewayId: Opt(Str()),
  CarrierGatewayId: Opt(Str()),
  CoreNetworkArn: Opt(Str()),
  Origin: Opt(Str()),
  State: Opt(Str()),
}, open)
export type Route = Static<typeof Route>

export const RouteTableAssociation = Type.Object({
  RouteTableAssociationId: Opt(Str()),
  RouteTableId: Opt(Str()),
  Main: Opt(Type.Boolean()),
  SubnetId: Opt(Str()),
  GatewayId: Opt(Str()),
  AssociationState: Opt(Type.Object({ State: Opt(Str()) }, open)),
}, open)

export const RouteTable = Type.Object({
  RouteTableId: Str(),
  VpcId: Str(),
  Routes: Opt(Type.Array(Route)),
  Associations: Opt(Type.Array(RouteTableAssociation)),
  PropagatingVgws: Opt(Type.Array(Type.Object({ GatewayId: Opt(Str()) }, open))),
  OwnerId: Opt(Str()),
  Tags,
}, open)
export type RouteTable = Static<typeof RouteTable>

const GatewayAttachment = Type.Object({ VpcId: Opt(Str()), State: Opt(Str()) }, open)

export const InternetGateway = Type.Object({
  InternetGatewayId: Str(),
  Attachments: Opt(Type.Array(GatewayAttachment)),
  OwnerId: Opt(Str()),
  Tags,
}, open)
export type InternetGateway = Static<typeof InternetGateway>

export const EgressOnlyInternetGateway = Type.Object({
  EgressOnlyInternetGatewayId: Str(),
  Attachments: Opt(Type.Array(GatewayAttachment)),
  Tags,
}, open)
export type EgressOnlyInternetGateway = Static<typeof EgressOnlyInternetGateway>

export const NatGateway = Type.Object({
  NatGatewayId: Str(),
  SubnetId: Opt(Str()),
  VpcId: Opt(Str()),
  State: Opt(Str()),
  ConnectivityType: Opt(Str()),
  NatGatewayAddresses: Opt(Type.Array(Type.Object({
    NetworkInterfaceId: Opt(Str()), PrivateIp: Opt(Str()), PublicIp: Opt(Str()), AllocationId: Opt(Str()),
  }, open))),
  CreateTime: Opt(Type.Unknown()),
  Tags,
}, open)
export type NatGateway = Static<typeof NatGateway>

const PeeringVpcInfo = Type.Object({
  VpcId: Opt(Str()), OwnerId: Opt(Str()), Region: Opt(Str()), CidrBlock: Opt(Str()),
  CidrBlockSet: Opt(Type.Array(Type.Object({ CidrBlock: Opt(Str()) }, open))),
  Ipv6CidrBlockSet: Opt(Type.Array(Type.Object({ Ipv6CidrBlock: Opt(Str()) }, open))),
}, open)

export const VpcPeeringConnection = Type.Object({
  VpcPeeringConnectionId: Str(),
  Status: Opt(Type.Object({ Code: Opt(Str()), Message: Opt(Str()) }, open)),
  RequesterVpcInfo: Opt(PeeringVpcInfo),
  AccepterVpcInfo: Opt(PeeringVpcInfo),
  ExpirationTime: Opt(Type.Unknown()),
  Tags,
}, open)
export type VpcPeeringConnection = Static<typeof VpcPeeringConnection>

export const TransitGatewayAttachment = Type.Object({
  TransitGatewayAttachmentId: Str(),
  TransitGatewayId: Opt(Str()),
  ResourceType: Opt(Str()),
  ResourceId: Opt(Str()),
  ResourceOwnerId: Opt(Str()),
  State: Opt(Str()),
  Association: Opt(Type.Object({ TransitGatewayRouteTableId: Opt(Str()), State: Opt(Str()) }, open)),
  Tags,
}, open)
export type TransitGatewayAttachment = Static<typeof TransitGatewayAttachment>

export const VpcEndpoint = Type.Object({
  VpcEndpointId: Str(),
  VpcEndpointType: Opt(Str()),
  VpcId: Opt(Str()),
  ServiceName: Opt(Str()),
  State: Opt(Str()),
  RouteTableIds: Opt(Type.Array(Str())),
  SubnetIds: Opt(Type.Array(Str())),
  Groups: Opt(Type.Array(Type.Object({ GroupId: Opt(Str()), GroupName: Opt(Str()) }, open))),
  NetworkInterfaceIds: Opt(Type.Array(Str())),
  PrivateDnsEnabled: Opt(Type.Boolean()),
  CreationTimestamp: Opt(Type.Unknown()),
  Tags,
}, open)
export type VpcEndpoint = Static<typeof VpcEndpoint>

export const ManagedPrefixList = Type.Object({
  PrefixListId: Str(),
  PrefixListName: Opt(Str()),
  AddressFamily: Opt(Str()),
  MaxEntries: Opt(Type.Number()),
  OwnerId: Opt(Str()),
  State: Opt(Str()),
  Version: Opt(Type.Number()),
  Tags,
}, open)
export type ManagedPrefixList = Static<typeof ManagedPrefixList>

export const PrefixListEntry = Type.Object({ Cidr: Str(), Description: Opt(Str()) }, open)
export type PrefixListEntry = Static<typeof PrefixListEntry>

export const NetworkAclEntry = Type.Object({
  RuleNumber: Type.Number(),
  Protocol: Str(),
  RuleAction: Str(),
  Egress: Type.Boolean(),
  CidrBlock: Opt(Str()),
  Ipv6CidrBlock: Opt(Str()),
  PortRange: Opt(Type.Object({ From: Opt(Type.Number()), To: Opt(Type.Number()) }, open)),
  IcmpTypeCode: Opt(Type.Object({ Type: Opt(Type.Number()), Code: Opt(Type.Number()) }, open)),
}, open)
export type NetworkAclEntry = Static<typeof NetworkAclEntry>

export const NetworkAcl = Type.Object({
  NetworkAclId: Str(),
  VpcId: Str(),
  IsDefault: Opt(Type.Boolean()),
  Entries: Opt(Type.Array(NetworkAclEntry)),
  Associations: Opt(Type.Array(Type.Object({
    NetworkAclAssociationId: Opt(Str()), NetworkAclId: Opt(Str()), SubnetId: Opt(Str()),
  }, open))),
  OwnerId: Opt(Str()),
  Tags,
}, open)
export type NetworkAcl = Static<typeof NetworkAcl>

export const UserIdGroupPair = Type.Object({
  GroupId: Opt(Str()), GroupName: Opt(Str()), UserId: Opt(Str()), VpcId: Opt(Str()),
  VpcPeeringConnectionId: Opt(Str()), PeeringStatus: Opt(Str()), Description: Opt(Str()),
}, open)
export type UserIdGroupPair = Static<typeof UserIdGroupPair>

export const IpPermission = Type.Object({
  IpProtocol: Str(),
  FromPort: Opt(Type.Number()),
  ToPort: Opt(Type.Number()),
  IpRanges: Opt(Type.Array(Type.Object({ CidrIp: Opt(Str()), Description: Opt(Str()) }, open))),
  Ipv6Ranges: Opt(Type.Array(Type.Object({ CidrIpv6: Opt(Str()), Description: Opt(Str()) }, open))),
  PrefixListIds: Opt(Type.Array(Type.Object({ PrefixListId: Opt(Str()), Description: Opt(Str()) }, open))),
  UserIdGroupPairs: Opt(Type.Array(UserIdGroupPair)),
}, open)
export type IpPermission = Static<typeof IpPermission>

export const SecurityGroup = Type.Object({
  GroupId: Str(),
  GroupName: Opt(Str()),
  Description: Opt(Str()),
  OwnerId: Opt(Str()),
  VpcId: Opt(Str()),
  IpPermissions: Opt(Type.Array(IpPermission)),
  IpPermissionsEgress: Opt(Type.Array(IpPermission)),
  SecurityGroupArn: Opt(Str()),
  Tags,
}, open)
export type SecurityGroup = Static<typeof SecurityGroup>

export const SecurityGroupRule = Type.Object({
  SecurityGroupRuleId: Str(),
  GroupId: Opt(Str()),
  GroupOwnerId: Opt(Str()),
  IsEgress: Opt(Type.Boolean()),
  IpProtocol: Opt(Str()),
  FromPort: Opt(Type.Number()),
  ToPort: Opt(Type.Number()),
  CidrIpv4: Opt(Str()),
  CidrIpv6: Opt(Str()),
  PrefixListId: Opt(Str()),
  ReferencedGroupInfo: Opt(Type.Object({
    GroupId: Opt(Str()), UserId: Opt(Str()), VpcId: Opt(Str()),
    VpcPeeringConnectionId: Opt(Str()), PeeringStatus: Opt(Str()),
  }, open)),
  Description: Opt(Str()),
  Tags,
}, open)
export type SecurityGroupRule = Static<typeof SecurityGroupRule>

const IpAssociation = Type.Object({
  PublicIp: Opt(Str()), PublicDnsName: Opt(Str()), IpOwnerId: Opt(Str()),
  AllocationId: Opt(Str()), AssociationId: Opt(Str()), CarrierIp: Opt(Str()), CustomerOwnedIp: Opt(Str()),
}, open)

export const NetworkInterface = Type.Object({
  NetworkInterfaceId: Str(),
  SubnetId: Opt(Str()),
  VpcId: Opt(Str()),
  AvailabilityZone: Opt(Str()),
  Status: Opt(Str()),
  Attachment: Opt(Type.Object({
    AttachmentId: Opt(Str()), InstanceId: Opt(Str()), InstanceOwnerId: Opt(Str()),
    DeviceIndex: Opt(Type.Number()), Status: Opt(Str()),
  }, open)),
  Groups: Opt(Type.Array(Type.Object({ GroupId: Opt(Str()), GroupName: Opt(Str()) }, open))),
  PrivateIpAddress: Opt(Str()),
  PrivateIpAddresses: Opt(Type.Array(Type.Object({
    PrivateIpAddress: Opt(Str()), Primary: Opt(Type.Boolean()), Association: Opt(IpAssociation),
  }, open))),
  Association: Opt(IpAssociation),
  Ipv6Addresses: Opt(Type.Array(Type.Object({ Ipv6Address: Opt(Str()), IsPrimaryIpv6: Opt(Type.Boolean()) }, open))),
  InterfaceType: Opt(Str()),
  Description: Opt(Str()),
  RequesterId: Opt(Str()),
  RequesterManaged: Opt(Type.Boolean()),
  SourceDestCheck: Opt(Type.Boolean()),
  DenyAllIgwTraffic: Opt(Type.Boolean()),
  OwnerId: Opt(Str()),
  MacAddress: Opt(Str()),
  TagSet: Tags,
}, open)
export type NetworkInterface = Static<typeof NetworkInterface>

export const Instance = Type.Object({
  InstanceId: Str(),
  InstanceType: Opt(Str()),
  ImageId: Opt(Str()),
  State: Opt(Type.Object({ Name: Opt(Str()), Code: Opt(Type.Number()) }, open)),
  PublicIpAddress: Opt(Str()),
  PrivateIpAddress: Opt(Str()),
  SubnetId: Opt(Str()),
  VpcId: Opt(Str()),
  Placement: Opt(Type.Object({ AvailabilityZone: Opt(Str()) }, open)),
  SecurityGroups: Opt(Type.Array(Type.Object({ GroupId: Opt(Str()), GroupName: Opt(Str()) }, open))),
  NetworkInterfaces: Opt(Type.Array(Type.Object({
    NetworkInterfaceId: Opt(Str()), Attachment: Opt(Type.Object({ DeviceIndex: Opt(Type.Number()) }, open)),
  }, open))),
  LaunchTime: Opt(Type.Unknown()),
  Tags,
}, open)
export type Instance = Static<typeof Instance>

export const Reservation = Type.Object({
  ReservationId: Opt(Str()),
  OwnerId: Opt(Str()),
  Instances: Opt(Type.Array(Instance)),
}, open)
export type Reservation = Static<typeof Reservation>

export const Address = Type.Object({
  AllocationId: Opt(Str()),
  AssociationId: Opt(Str()),
  PublicIp: Opt(Str()),
  NetworkInterfaceId: Opt(Str()),
  PrivateIpAddress: Opt(Str()),
  InstanceId: Opt(Str()),
  Domain: Opt(Str()),
  Tags,
}, open)
export type Address = Static<typeof Address>
