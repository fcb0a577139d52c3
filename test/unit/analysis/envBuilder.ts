/**
 * Small hand-built environments in SDK shapes for the analysis tests (aws-network-semantics.md §10
 * cases): one VPC (10.0.0.0/16 + an IPv6 /56) with an attached internet gateway, a public subnet
 * (route 0.0.0.0/0 and ::/0 → igw-1), an app subnet (main table, local only), the default NACL
 * (allow all, both families), and helpers to add groups, interfaces, NACLs, routes and load balancers.
 */
import {
  emptyRegionInventory, type Inventory, type IpPermission, type NetworkAclEntry, type NetworkInterface, type RegionInventory, type Route,
} from '../../../shared/index.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { compileModel } from '../../../server/analysis/compileModel.ts'
import { analyzeExposure } from '../../../server/analysis/analyzeExposure.ts'
import type { Exposure } from '../../../shared/index.ts'

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-1'

export function baseEnv(): RegionInventory {
  const r = emptyRegionInventory(ACCOUNT, REGION)
  r.ec2.Vpcs.push({
    VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16' }],
    Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18:1:ff00::/56' }], OwnerId: ACCOUNT,
  })
  r.ec2.Subnets.push(
    { SubnetId: 'subnet-pub', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a', Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18:1:ff01::/64' }] },
    { SubnetId: 'subnet-app', VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1a' },
  )
  r.ec2.InternetGateways.push({ InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-1', State: 'available' }] })
  r.ec2.RouteTables.push(
    { RouteTableId: 'rtb-main', VpcId: 'vpc-1', Routes: [local()], Associations: [{ Main: true, RouteTableId: 'rtb-main' }] },
    {
      RouteTableId: 'rtb-pub', VpcId: 'vpc-1',
      Routes: [local(), { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1', State: 'active', Origin: 'CreateRoute' },
        { DestinationIpv6CidrBlock: '::/0', GatewayId: 'igw-1', State: 'active', Origin: 'CreateRoute' }],
      Associations: [{ SubnetId: 'subnet-pub', RouteTableId: 'rtb-pub' }],
    },
  )
  r.ec2.NetworkAcls.push({
    NetworkAclId: 'acl-default', VpcId: 'vpc-1', IsDefault: true, Associations: [],
    Entries: [
      ...allowAll(false), ...allowAll(true),
    ],
  })
  return r
}

const local = (): Route => ({ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' })

/** The default NACL's entries for one direction: 100 allow IPv4, 101 allow IPv6, and the `*` denies. */
export function allowAll(egress: boolean): NetworkAclEntry[] {
  return [
    { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: egress, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 101, Protocol: '-1', RuleAction: 'allow', Egress: egress, Ipv6CidrBlock: '::/0' },
    { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: egress, CidrBlock: '0.0.0.0/0' },
    { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: egress, Ipv6CidrBlock: '::/0' },
  ]
}

/** A custom NACL on the given subnets: the entries given plus the `*` denies. */
export function addNacl(r: RegionInventory, id: string, subnetIds: string[], entries: NetworkAclEntry[]): void {
  for (const acl of r.ec2.NetworkAcls) acl.Associations = (acl.Associations ?? []).filter((a) => !subnetIds.includes(a.SubnetId ?? ''))
  r.ec2.NetworkAcls.push({
    NetworkAclId: id, VpcId: 'vpc-1', IsDefault: false,
    Associations: subnetIds.map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${id}-${i}`, NetworkAclId: id, SubnetId: s })),
    Entries: [
      ...entries,
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: false, Ipv6CidrBlock: '::/0' },
      { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: true, Ipv6CidrBlock: '::/0' },
    ],
  })
}

export function entry(n: number, egress: boolean, action: 'allow' | 'deny', cidr: string, proto = '-1', ports?: [number, number]): NetworkAclEntry {
  return {
    RuleNumber: n, Egress: egress, RuleAction: action, Protocol: proto,
    ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
  }
}

export function addSg(r: RegionInventory, id: string, ingress: IpPermission[], egress: IpPermission[] = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }], name = id): void {
  r.ec2.SecurityGroups.push({ GroupId: id, GroupName: name, VpcId: 'vpc-1', OwnerId: ACCOUNT, Description: name, IpPermissions: ingress, IpPermissionsEgress: egress })
}

export const tcp = (from: number, to: number, ...cidrs: string[]): IpPermission => ({
  IpProtocol: 'tcp', FromPort: from, ToPort: to,
  IpRanges: cidrs.filter((c) => !c.includes(':')).map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: cidrs.filter((c) => c.includes(':')).map((CidrIpv6) => ({ CidrIpv6 })),
})

export interface EniSpec {
  id: string
  subnet: string
  groups: string[]
  ip: string
  publicIp?: string
  secondary?: Array<{ ip: string; publicIp?: string }>
  ipv6?: string[]
  instanceId?: string
  description?: string
  interfaceType?: string
  requesterId?: string
  denyAllIgw?: boolean
}

export function addEni(r: RegionInventory, s: EniSpec): NetworkInterface {
  const eni: NetworkInterface = {
    NetworkInterfaceId: s.id, SubnetId: s.subnet, VpcId: 'vpc-1', Status: 'in-use', InterfaceType: s.interfaceType ?? 'interface',
    ...(s.instanceId ? { Attachment: { InstanceId: s.instanceId, DeviceIndex: 0, Status: 'attached' } } : {}),
    Groups: s.groups.map((GroupId) => ({ GroupId })), PrivateIpAddress: s.ip,
    PrivateIpAddresses: [
      { PrivateIpAddress: s.ip, Primary: true, ...(s.publicIp ? { Association: { PublicIp: s.publicIp, IpOwnerId: 'amazon' } } : {}) },
      ...(s.secondary ?? []).map((x) => ({ PrivateIpAddress: x.ip, Primary: false, ...(x.publicIp ? { Association: { PublicIp: x.publicIp, AllocationId: `eipalloc-${x.ip}` } } : {}) })),
    ],
    ...(s.publicIp ? { Association: { PublicIp: s.publicIp, IpOwnerId: 'amazon' } } : {}),
    Ipv6Addresses: (s.ipv6 ?? []).map((Ipv6Address) => ({ Ipv6Address })),
    ...(s.description ? { Description: s.description } : {}),
    ...(s.requesterId ? { RequesterId: s.requesterId, RequesterManaged: true } : {}),
    ...(s.denyAllIgw ? { DenyAllIgwTraffic: true } : {}),
  }
  r.ec2.NetworkInterfaces.push(eni)
  if (s.instanceId) {
    r.ec2.Reservations.push({
      ReservationId: `r-${s.instanceId}`,
      Instances: [{
        InstanceId: s.instanceId, State: { Name: 'running' }, SubnetId: s.subnet, VpcId: 'vpc-1', PrivateIpAddress: s.ip,
        ...(s.publicIp ? { PublicIpAddress: s.publicIp } : {}),
        SecurityGroups: s.groups.map((GroupId) => ({ GroupId })), NetworkInterfaces: [{ NetworkInterfaceId: s.id, Attachment: { DeviceIndex: 0 } }],
      }],
    })
  }
  return eni
}

export function setRoutes(r: RegionInventory, routeTableId: string, routes: Route[]): void {
  const rt = r.ec2.RouteTables.find((t) => t.RouteTableId === routeTableId)!
  rt.Routes = [local(), ...routes]
}

export const LB_ARN = (type: 'app' | 'net', name: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${type}/${name}/0123456789abcdef`
export const TG_ARN = (name: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/fedcba9876543210`

export interface LbSpec {
  type: 'app' | 'net'
  name: string
  subnets: string[]
  securityGroups?: string[]
  /** One node ENI per subnet: private IP and public IP. */
  nodes: Array<{ subnet: string; ip: string; publicIp: string }>
  listener: { port: number; protocol: string }
  targetGroup: { protocol: string; port: number; targetType: 'instance' | 'ip'; targets: Array<{ id: string; port?: number }>; attributes?: Record<string, string> }
}

export function addLoadBalancer(r: RegionInventory, s: LbSpec): string {
  const arn = LB_ARN(s.type, s.name)
  const tgArn = TG_ARN(`${s.name}-tg`)
  r.elbv2.LoadBalancers.push({
    LoadBalancerArn: arn, LoadBalancerName: s.name, Scheme: 'internet-facing', Type: s.type === 'app' ? 'application' : 'network', VpcId: 'vpc-1',
    State: { Code: 'active' }, IpAddressType: 'ipv4', ...(s.securityGroups ? { SecurityGroups: s.securityGroups } : {}),
    AvailabilityZones: s.subnets.map((SubnetId) => ({ SubnetId, ZoneName: r.ec2.Subnets.find((x) => x.SubnetId === SubnetId)?.AvailabilityZone })),
  })
  s.nodes.forEach((n, i) => addEni(r, {
    id: `eni-${s.name}-${i}`, subnet: n.subnet, groups: s.securityGroups ?? [], ip: n.ip, publicIp: n.publicIp,
    description: `ELB ${s.type}/${s.name}/0123456789abcdef`, requesterId: 'amazon-elb',
    interfaceType: s.type === 'net' ? 'network_load_balancer' : 'interface',
  }))
  const listenerArn = `${arn.replace(':loadbalancer/', ':listener/')}/l${s.listener.port}`
  r.elbv2.Listeners.push({ ListenerArn: listenerArn, LoadBalancerArn: arn, Port: s.listener.port, Protocol: s.listener.protocol, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] })
  r.elbv2.TargetGroups.push({ TargetGroupArn: tgArn, TargetGroupName: `${s.name}-tg`, Protocol: s.targetGroup.protocol, Port: s.targetGroup.port, VpcId: 'vpc-1', TargetType: s.targetGroup.targetType, LoadBalancerArns: [arn] })
  r.elbv2.TargetHealth[tgArn] = s.targetGroup.targets.map((t) => ({ Target: { Id: t.id, Port: t.port ?? s.targetGroup.port } }))
  if (s.targetGroup.attributes) r.elbv2.TargetGroupAttributes[tgArn] = Object.entries(s.targetGroup.attributes).map(([Key, Value]) => ({ Key, Value }))
  return arn
}

export function inventory(r: RegionInventory): Inventory {
  return { schemaVersion: 1, source: 'demo', collectedAt: '2026-11-01T00:00:00.000Z', regions: [r], warnings: [] }
}

export function analyze(r: RegionInventory) {
  const snapshot = normalize(inventory(r))
  const model = compileModel(snapshot)
  return { snapshot, model, ...analyzeExposure(model) }
}

/** A trace as [check, verdict, the deciding rule in short] rows: easy to compare in a test. */
export function traceRows(e: Pick<Exposure, 'trace'>): string[] {
  return e.trace.map((s) => {
    const r = s.ruleRef
    const ref = !r ? '' : r.kind === 'sg-rule' ? r.peer : r.kind === 'nacl-entry' ? `${r.naclId}#${r.ruleNumber}` : r.kind === 'route' ? `${r.routeTableId}:${r.destination}>${r.target}`
      : r.kind === 'address' ? r.addresses.map((a) => `${a.public}>${a.private}`).join(',') : r.kind === 'listener' ? `${r.protocol}:${r.port}` : `${r.targetId}:${r.port}`
    return `${s.check} ${s.verdict} ${s.component.id}${ref ? ` ${ref}` : ''}${s.code ? ` ${s.code}` : ''}`
  })
}
