/** The ELBv2 output shapes vpclens reads, in the AWS SDK v3's own field names. Open objects, as in ec2.ts. */
import Type, { type Static } from 'typebox'

const open = { additionalProperties: true } as const
const Str = Type.String
const Opt = Type.Optional

export const LoadBalancer = Type.Object({
  LoadBalancerArn: Str(),
  LoadBalancerName: Opt(Str()),
  DNSName: Opt(Str()),
  Scheme: Opt(Str()),
  Type: Opt(Str()),
  VpcId: Opt(Str()),
  State: Opt(Type.Object({ Code: Opt(Str()) }, open)),
  SecurityGroups: Opt(Type.Array(Str())),
  IpAddressType: Opt(Str()),
  AvailabilityZones: Opt(Type.Array(Type.Object({
    ZoneName: Opt(Str()),
    SubnetId: Opt(Str()),
    LoadBalancerAddresses: Opt(Type.Array(Type.Object({
      IpAddress: Opt(Str()), AllocationId: Opt(Str()), PrivateIPv4Address: Opt(Str()), IPv6Address: Opt(Str()),
    }, open))),
  }, open))),
  CreatedTime: Opt(Type.Unknown()),
}, open)
export type LoadBalancer = Static<typeof LoadBalancer>

export const Action = Type.Object({
  Type: Str(),
  TargetGroupArn: Opt(Str()),
  Order: Opt(Type.Number()),
  ForwardConfig: Opt(Type.Object({
    TargetGroups: Opt(Type.Array(Type.Object({ TargetGroupArn: Opt(Str()), Weight: Opt(Type.Number()) }, open))),
  }, open)),
}, open)
export type Action = Static<typeof Action>

export const Listener = Type.Object({
  ListenerArn: Str(),
  LoadBalancerArn: Opt(Str()),
  Port: Opt(Type.Number()),
  Protocol: Opt(Str()),
  DefaultActions: Opt(Type.Array(Action)),
}, open)
export type Listener = Static<typeof Listener>

export const Rule = Type.Object({
  RuleArn: Str(),
  Priority: Opt(Str()),
  Conditions: Opt(Type.Array(Type.Unknown())),
  Actions: Opt(Type.Array(Action)),
  IsDefault: Opt(Type.Boolean()),
}, open)
export type Rule = Static<typeof Rule>

export const TargetGroup = Type.Object({
  TargetGroupArn: Str(),
  TargetGroupName: Opt(Str()),
  Protocol: Opt(Str()),
  Port: Opt(Type.Number()),
  VpcId: Opt(Str()),
  TargetType: Opt(Str()),
  HealthCheckPort: Opt(Str()),
  HealthCheckProtocol: Opt(Str()),
  LoadBalancerArns: Opt(Type.Array(Str())),
}, open)
export type TargetGroup = Static<typeof TargetGroup>

export const TargetHealthDescription = Type.Object({
  Target: Type.Object({ Id: Str(), Port: Opt(Type.Number()), AvailabilityZone: Opt(Str()) }, open),
  HealthCheckPort: Opt(Str()),
  TargetHealth: Opt(Type.Object({ State: Opt(Str()), Reason: Opt(Str()), Description: Opt(Str()) }, open)),
}, open)
export type TargetHealthDescription = Static<typeof TargetHealthDescription>

export const TargetGroupAttribute = Type.Object({ Key: Str(), Value: Opt(Str()) }, open)
export type TargetGroupAttribute = Static<typeof TargetGroupAttribute>
