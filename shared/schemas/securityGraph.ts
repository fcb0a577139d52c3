/**
 * The Security view's graph: security groups (inside their VPC) and the sources their ingress rules
 * admit (the internet, CIDR blocks, prefix lists, other groups — also across peering), with one edge
 * per (source, group) pair that bundles every rule between the two. Each group's rules, the network
 * interfaces that carry it (with their addresses) and the NACLs of those interfaces' subnets come
 * along for the side panel. Built by server/graph/buildSecurityGraph.
 */
import Type, { type Static } from 'typebox'

export const SecurityNodeKind = Type.Union([
  /** A VPC holding groups (a container). */
  Type.Literal('vpc'),
  Type.Literal('security-group'),
  /** 0.0.0.0/0 and ::/0: one node for "anyone". */
  Type.Literal('internet'),
  /** Any other CIDR block a rule names. Id `cidr:<block>`. */
  Type.Literal('cidr'),
  Type.Literal('prefix-list'),
  /** A group a rule references that is not in the snapshot (another account, or a peer VPC not collected). */
  Type.Literal('external-group'),
  /** A network interface carrying groups (only with `?members=true`). */
  Type.Literal('network-interface'),
])
export type SecurityNodeKind = Static<typeof SecurityNodeKind>

export const SecurityGraphNode = Type.Object({
  id: Type.String(),
  kind: SecurityNodeKind,
  /** Text to draw. Untrusted (group names, Name tags, prefix list names). */
  label: Type.String(),
  /** The VPC node holding a group or member. */
  parent: Type.Optional(Type.String()),
  /** The snapshot resource this node stands for; absent for the internet, CIDR blocks and external groups. */
  resourceId: Type.Optional(Type.String()),
  details: Type.Record(Type.String(), Type.String()),
})
export type SecurityGraphNode = Static<typeof SecurityGraphNode>

export const SecurityEdgeKind = Type.Union([
  /** Source → group: every ingress rule of the group that admits this source. */
  Type.Literal('ingress'),
  /** Network interface → a group it carries (only with `?members=true`). */
  Type.Literal('member-of'),
])
export type SecurityEdgeKind = Static<typeof SecurityEdgeKind>

export const SecurityGraphEdge = Type.Object({
  id: Type.String(),
  kind: SecurityEdgeKind,
  source: Type.String(),
  target: Type.String(),
  /** Summary of the bundled rules' protocols and ports: `tcp/22`, `tcp/80, tcp/443`, `all`, `tcp/22, udp/53 +2`. */
  label: Type.String(),
  /** Distinct `protocol/ports` of the bundled rules, sorted. */
  ports: Type.Array(Type.String()),
  /** The bundled rules (SecurityGroupRuleId). */
  ruleIds: Type.Array(Type.String()),
  /** The peering connection a cross-VPC group reference goes through. */
  peeringConnectionId: Type.Optional(Type.String()),
})
export type SecurityGraphEdge = Static<typeof SecurityGraphEdge>

export const SecurityRuleRow = Type.Object({
  id: Type.String(),
  direction: Type.Union([Type.Literal('ingress'), Type.Literal('egress')]),
  /** `tcp/22`, `tcp/8000-8100`, `udp/53`, `icmp/8`, `all`… */
  ports: Type.String(),
  /** The peer as written: a CIDR, `pl-…` or `sg-…`. */
  peer: Type.String(),
  peerKind: Type.Union([
    Type.Literal('internet'), Type.Literal('cidr'), Type.Literal('prefix-list'), Type.Literal('security-group'), Type.Literal('self'),
  ]),
  /** The peer group's or prefix list's name when known. Untrusted. */
  peerName: Type.Optional(Type.String()),
  peeringConnectionId: Type.Optional(Type.String()),
  /** The rule's description. Untrusted. */
  description: Type.Optional(Type.String()),
})
export type SecurityRuleRow = Static<typeof SecurityRuleRow>

export const SecurityGroupMember = Type.Object({
  networkInterfaceId: Type.String(),
  /** Instance id, load balancer ARN, NAT gateway or endpoint id; null when unattached or unknown. */
  owner: Type.Union([Type.String(), Type.Null()]),
  ownerKind: Type.Union([Type.String(), Type.Null()]),
  /** The owner's Name tag or name, else the interface's. Untrusted. */
  label: Type.String(),
  subnetId: Type.Union([Type.String(), Type.Null()]),
  privateIps: Type.Array(Type.String()),
  publicIps: Type.Array(Type.String()),
  ipv6: Type.Array(Type.String()),
})
export type SecurityGroupMember = Static<typeof SecurityGroupMember>

export const SecurityGroupInfo = Type.Object({
  id: Type.String(),
  /** GroupName. Untrusted. */
  name: Type.String(),
  /** Untrusted. */
  description: Type.String(),
  vpcId: Type.Union([Type.String(), Type.Null()]),
  ingress: Type.Array(SecurityRuleRow),
  egress: Type.Array(SecurityRuleRow),
  members: Type.Array(SecurityGroupMember),
  /** The network ACLs of the subnets the members are in (the other stateful/stateless layer they sit behind). */
  naclIds: Type.Array(Type.String()),
})
export type SecurityGroupInfo = Static<typeof SecurityGroupInfo>

export const NaclEntryRow = Type.Object({
  /** 1-32766, or 32767 for the built-in `*` rule. */
  ruleNumber: Type.Integer(),
  egress: Type.Boolean(),
  action: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
  ports: Type.String(),
  cidr: Type.String(),
})
export type NaclEntryRow = Static<typeof NaclEntryRow>

export const NaclInfo = Type.Object({
  id: Type.String(),
  /** Name tag. Untrusted. */
  name: Type.Optional(Type.String()),
  vpcId: Type.Union([Type.String(), Type.Null()]),
  isDefault: Type.Boolean(),
  subnetIds: Type.Array(Type.String()),
  /** Each direction in evaluation order (rule number ascending). */
  entries: Type.Array(NaclEntryRow),
})
export type NaclInfo = Static<typeof NaclInfo>

export const SecurityGraph = Type.Object({
  nodes: Type.Array(SecurityGraphNode),
  edges: Type.Array(SecurityGraphEdge),
  groups: Type.Array(SecurityGroupInfo),
  nacls: Type.Array(NaclInfo),
})
export type SecurityGraph = Static<typeof SecurityGraph>

export const SecurityGraphQuery = Type.Object({
  /** Also return the network interfaces carrying each group, as nodes with `member-of` edges. */
  members: Type.Optional(Type.Boolean({ default: false })),
})
export type SecurityGraphQuery = Static<typeof SecurityGraphQuery>
