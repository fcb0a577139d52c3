/**
 * Seeds a moto region with every resource kind discovery reads, through the real SDK's create calls.
 * Test-only code, so it uses plain (unguarded) clients: vpclens itself never writes to AWS.
 */
import {
  AllocateAddressCommand, AssociateAddressCommand, AssociateRouteTableCommand, AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand, CreateEgressOnlyInternetGatewayCommand, CreateInternetGatewayCommand,
  CreateManagedPrefixListCommand, CreateNatGatewayCommand, CreateNetworkAclCommand, CreateNetworkAclEntryCommand,
  CreateNetworkInterfaceCommand, CreateRouteCommand, CreateRouteTableCommand, CreateSecurityGroupCommand,
  CreateSubnetCommand, CreateTransitGatewayCommand, CreateTransitGatewayVpcAttachmentCommand, CreateVpcCommand,
  CreateVpcEndpointCommand, CreateVpcPeeringConnectionCommand, EC2Client, ModifySubnetAttributeCommand,
  ReplaceNetworkAclAssociationCommand, DescribeNetworkAclsCommand, RunInstancesCommand,
  AcceptVpcPeeringConnectionCommand,
} from '@aws-sdk/client-ec2'
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateRuleCommand, CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client, RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2'
export interface AwsCredentialIdentity { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

export interface SeededIds {
  appVpc: string; dataVpc: string; publicSubnets: string[]; privateSubnet: string; dataSubnet: string
  peering: string; igw: string; eigw: string; nat: string; natAllocation: string; customNacl: string
  prefixList: string; albSg: string; webSg: string; dbSg: string
  webInstances: string[]; eipAllocation: string; extraEni: string; endpoint: string; tgwAttachment: string
  alb: string; listener: string; rule: string; webTargetGroup: string; apiTargetGroup: string
  publicRouteTable: string; privateRouteTable: string
}

const tag = (name: string) => [{ Key: 'Name', Value: name }, { Key: 'seed', Value: 'vpclens' }]
const tags = (type: string, name: string) => [{ ResourceType: type as never, Tags: tag(name) }]

export async function seedEnvironment(endpoint: string, region: string, credentials: AwsCredentialIdentity): Promise<SeededIds> {
  const ec2 = new EC2Client({ endpoint, region, credentials })
  const elb = new ElasticLoadBalancingV2Client({ endpoint, region, credentials })
  const az = (s: string) => `${region}${s}`

  const appVpc = (await ec2.send(new CreateVpcCommand({
    CidrBlock: '10.10.0.0/16', AmazonProvidedIpv6CidrBlock: true, TagSpecifications: tags('vpc', 'app'),
  }))).Vpc!.VpcId!
  const dataVpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: tags('vpc', 'data') }))).Vpc!.VpcId!

  const subnet = async (vpc: string, cidr: string, zone: string, name: string) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: az(zone), TagSpecifications: tags('subnet', name) }))).Subnet!.SubnetId!
  const publicSubnets = [await subnet(appVpc, '10.10.1.0/24', 'a', 'public-a'), await subnet(appVpc, '10.10.2.0/24', 'b', 'public-b')]
  const privateSubnet = await subnet(appVpc, '10.10.11.0/24', 'a', 'private-a')
  const dataSubnet = await subnet(dataVpc, '10.20.1.0/24', 'a', 'data-a')
  for (const s of publicSubnets) await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: s, MapPublicIpOnLaunch: { Value: true } }))

  const igw = (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tags('internet-gateway', 'app-igw') }))).InternetGateway!.InternetGatewayId!
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: appVpc }))
  const eigw = (await ec2.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: appVpc }))).EgressOnlyInternetGateway!.EgressOnlyInternetGatewayId!

  const natAllocation = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!
  const nat = (await ec2.send(new CreateNatGatewayCommand({
    SubnetId: publicSubnets[0], AllocationId: natAllocation, TagSpecifications: tags('natgateway', 'app-nat'),
  }))).NatGateway!.NatGatewayId!

  const peering = (await ec2.send(new CreateVpcPeeringConnectionCommand({ VpcId: appVpc, PeerVpcId: dataVpc }))).VpcPeeringConnection!.VpcPeeringConnectionId!
  await ec2.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: peering }))

  const publicRouteTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: appVpc, TagSpecifications: tags('route-table', 'public') }))).RouteTable!.RouteTableId!
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }))
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTable, DestinationIpv6CidrBlock: '::/0', GatewayId: igw }))
  await ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTable, DestinationCidrBlock: '10.20.0.0/16', VpcPeeringConnectionId: peering }))
  for (const s of publicSubnets) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: publicRouteTable, SubnetId: s }))
  const privateRouteTable = (await ec2.send(new CreateRouteTableCommand({ VpcId: appVpc, TagSpecifications: tags('route-table', 'private') }))).RouteTable!.RouteTableId!
  await ec2.send(new CreateRouteCommand({ RouteTableId: privateRouteTable, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: nat }))
  await ec2.send(new CreateRouteCommand({ RouteTableId: privateRouteTable, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: eigw }))
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: privateRouteTable, SubnetId: privateSubnet }))

  // A custom NACL on the private subnet: HTTPS from the VPC, deny SSH from anywhere, ephemeral back out.
  const customNacl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: appVpc, TagSpecifications: tags('network-acl', 'private-nacl') }))).NetworkAcl!.NetworkAclId!
  const entry = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', CidrBlock: string, From: number, To: number) =>
    ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: customNacl, RuleNumber, Egress, RuleAction, Protocol: '6', CidrBlock, PortRange: { From, To } }))
  await entry(100, false, 'allow', '10.10.0.0/16', 443, 443)
  await entry(110, false, 'deny', '0.0.0.0/0', 22, 22)
  await entry(100, true, 'allow', '0.0.0.0/0', 1024, 65535)
  const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [privateSubnet] }] }))
  const assoc = acls.NetworkAcls![0].Associations!.find((a) => a.SubnetId === privateSubnet)!.NetworkAclAssociationId!
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: assoc, NetworkAclId: customNacl }))

  const prefixList = (await ec2.send(new CreateManagedPrefixListCommand({
    PrefixListName: 'office', AddressFamily: 'IPv4', MaxEntries: 5,
    Entries: [{ Cidr: '198.51.100.0/24', Description: 'office' }, { Cidr: '203.0.113.0/25', Description: 'vpn' }],
    TagSpecifications: tags('prefix-list', 'office'),
  }))).PrefixList!.PrefixListId!

  const sg = async (vpc: string, name: string) =>
    (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: name, Description: `${name} tier`, TagSpecifications: tags('security-group', name) }))).GroupId!
  const albSg = await sg(appVpc, 'alb')
  const webSg = await sg(appVpc, 'web')
  const dbSg = await sg(dataVpc, 'db')
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: albSg, IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'world' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
  ] }))
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: webSg, IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: albSg, Description: 'from alb' }] },
    { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: prefixList, Description: 'office ssh' }] },
  ] }))
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: dbSg, IpPermissions: [
    { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.10.0.0/16' }] },
  ] }))

  const run = await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: 2, MaxCount: 2, SubnetId: publicSubnets[0],
    SecurityGroupIds: [webSg], TagSpecifications: tags('instance', 'web'),
  }))
  const webInstances = run.Instances!.map((i) => i.InstanceId!).sort()
  const eipAllocation = (await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }))).AllocationId!
  await ec2.send(new AssociateAddressCommand({ AllocationId: eipAllocation, InstanceId: webInstances[0] }))
  const extraEni = (await ec2.send(new CreateNetworkInterfaceCommand({
    SubnetId: privateSubnet, Groups: [webSg], Description: 'worker eni', Ipv6AddressCount: 0,
    TagSpecifications: tags('network-interface', 'worker'),
  }))).NetworkInterface!.NetworkInterfaceId!

  const endpoint_ = (await ec2.send(new CreateVpcEndpointCommand({
    VpcId: appVpc, ServiceName: `com.amazonaws.${region}.s3`, VpcEndpointType: 'Gateway', RouteTableIds: [privateRouteTable],
  }))).VpcEndpoint!.VpcEndpointId!
  const tgw = (await ec2.send(new CreateTransitGatewayCommand({ Description: 'core' }))).TransitGateway!.TransitGatewayId!
  const tgwAttachment = (await ec2.send(new CreateTransitGatewayVpcAttachmentCommand({
    TransitGatewayId: tgw, VpcId: dataVpc, SubnetIds: [dataSubnet],
  }))).TransitGatewayVpcAttachment!.TransitGatewayAttachmentId!

  const alb = (await elb.send(new CreateLoadBalancerCommand({
    Name: 'web-alb', Subnets: publicSubnets, SecurityGroups: [albSg], Scheme: 'internet-facing', Type: 'application',
  }))).LoadBalancers![0].LoadBalancerArn!
  const tg = async (name: string, port: number) => (await elb.send(new CreateTargetGroupCommand({
    Name: name, Protocol: 'HTTP', Port: port, VpcId: appVpc, TargetType: 'instance',
  }))).TargetGroups![0].TargetGroupArn!
  const webTargetGroup = await tg('web', 8080)
  const apiTargetGroup = await tg('api', 9090)
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: webTargetGroup, Targets: webInstances.map((Id) => ({ Id })) }))
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: apiTargetGroup, Targets: [{ Id: webInstances[1], Port: 9091 }] }))
  const listener = (await elb.send(new CreateListenerCommand({
    LoadBalancerArn: alb, Protocol: 'HTTP', Port: 443, DefaultActions: [{ Type: 'forward', TargetGroupArn: webTargetGroup }],
  }))).Listeners![0].ListenerArn!
  const rule = (await elb.send(new CreateRuleCommand({
    ListenerArn: listener, Priority: 10, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }],
    Actions: [{ Type: 'forward', TargetGroupArn: apiTargetGroup }],
  }))).Rules![0].RuleArn!

  ec2.destroy(); elb.destroy()
  return {
    appVpc, dataVpc, publicSubnets, privateSubnet, dataSubnet, peering, igw, eigw, nat, natAllocation, customNacl,
    prefixList, albSg, webSg, dbSg, webInstances, eipAllocation, extraEni, endpoint: endpoint_, tgwAttachment,
    alb, listener, rule, webTargetGroup, apiTargetGroup, publicRouteTable, privateRouteTable,
  }
}
