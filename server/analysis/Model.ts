import type { AddressSet } from './AddressSet.ts'

/**
 * The snapshot compiled for analysis (aws-network-semantics.md §10 phase A): every rule parsed once
 * into address sets and port ranges, every relationship resolved into a map. Built by compileModel.
 */
export interface SgRuleC {
  /** SecurityGroupRuleId, or the content id normalize derives when ids were not collected. */
  id: string
  groupId: string
  direction: 'ingress' | 'egress'
  /** IP protocol number, or ALL. */
  proto: number
  /** Port range (ICMP: encoded type·256 + code; other protocols: 0-65535). */
  lo: number
  hi: number
  /** The source/destination as written: CIDR, pl-…, sg-…. */
  peer: string
  peerKind: 'cidr' | 'prefix-list' | 'security-group'
  /** Addresses of a CIDR or prefix-list peer; empty for group references. */
  addrs: AddressSet
  /** addrs ∩ internet space: what of this rule the internet can ever match. */
  inet: AddressSet
  /** Internet addresses per family, for ordering rules broadest first. */
  breadth4: bigint
  breadth6: bigint
  refGroupId?: string
  /** Why a group reference matches nothing (deleted group, inactive peering), if it does not. */
  stale?: string
  /** Cross-account reference: the referenced group's owner, when it is not the rule's owner. */
  refOwner?: string
  prefixListName?: string
}

export interface SecurityGroupC {
  id: string
  vpcId: string | null
  account: string
  name: string
  isDefault: boolean
  ingress: SgRuleC[]
  egress: SgRuleC[]
}

export interface NaclEntryC {
  /** RuleNumber; the built-in `*` deny is 32767 (IPv4) / 32768 (IPv6). */
  n: number
  egress: boolean
  action: 'allow' | 'deny'
  proto: number
  lo: number
  hi: number
  family: 4 | 6
  cidr: string
  addrs: AddressSet
}

export interface NaclC {
  id: string
  vpcId: string
  isDefault: boolean
  /** First-match order: sorted by rule number, each family ending with its `*` deny. */
  inbound: NaclEntryC[]
  outbound: NaclEntryC[]
  subnetIds: string[]
}

export type RouteTargetKind = 'igw' | 'eigw' | 'nat' | 'tgw' | 'pcx' | 'local' | 'eni' | 'instance' | 'vgw' | 'vpce' | 'other'

export interface RouteC {
  destination: string
  addrs: AddressSet
  prefix: number
  family: 4 | 6
  target: string
  targetKind: RouteTargetKind
  state: string
  /** Tie-break among equal prefixes: static CIDR 0, prefix-list route 1, propagated 2 (§3.3). */
  priority: number
}

export interface RouteTableC {
  id: string
  vpcId: string
  routes: RouteC[]
  /** Gateways (igw-/vgw-) this table is the ingress route table of. */
  gatewayIds: string[]
  main: boolean
}

export type BpaMode = 'off' | 'block-bidirectional' | 'block-ingress'

export interface VpcC {
  id: string
  account: string
  region: string
  cidrs: AddressSet
  /** The attached, available internet gateway. */
  igwId: string | null
  eigwIds: string[]
  bpaMode: BpaMode
}

export interface SubnetC {
  id: string
  account: string
  region: string
  vpcId: string
  az: string | null
  cidrs: AddressSet
  routeTableId: string | null
  naclId: string | null
  /** The subnet's own Block Public Access state; an exclusion shows as `off` under a blocking VPC. */
  bpaMode: BpaMode | null
  mapPublicIpOnLaunch: boolean
}

export interface EniC {
  id: string
  kind: string
  /** Instance id, LB ARN, NAT gateway / endpoint id, or null. */
  owner: string | null
  account: string
  region: string
  subnetId: string | null
  vpcId: string | null
  az: string | null
  status: string | null
  privateIps: string[]
  private: AddressSet
  /** Public IPv4 addresses and the private IP each maps to (primary association and secondary EIPs). */
  publicPairs: Array<{ public: string; private: string }>
  /** IPv6 addresses that are internet (global unicast) addresses. */
  ipv6Global: string[]
  ipv6: string[]
  groupIds: string[]
  denyAllIgw: boolean
}

export interface TargetC {
  id: string
  port: number
  az: string | null
}

export interface TargetGroupC {
  arn: string
  protocol: string
  port: number | null
  targetType: string
  vpcId: string | null
  targets: TargetC[]
  settings: Record<string, string>
}

export interface ListenerC {
  arn: string
  lbArn: string
  port: number
  protocol: string
  /** Forward actions reaching target groups: default actions and rule actions. */
  forwards: Array<{ targetGroupArn: string; ruleArn?: string }>
  /** True when the default action redirects (e.g. HTTP → HTTPS), for the HTTP-listener finding. */
  redirects: boolean
}

export interface LoadBalancerC {
  arn: string
  account: string
  region: string
  name: string
  type: string
  scheme: string
  state: string | null
  vpcId: string | null
  subnetIds: string[]
  securityGroupIds: string[]
  ipAddressType: string
  eniIds: string[]
  listeners: ListenerC[]
}

export interface PrefixListC {
  id: string
  name: string
  addrs: AddressSet
  entries: number
  /** GetManagedPrefixListEntries for this list is not in the data: its addresses are unknown. */
  entriesMissing: boolean
}

export interface Model {
  vpcs: Map<string, VpcC>
  subnets: Map<string, SubnetC>
  routeTables: Map<string, RouteTableC>
  nacls: Map<string, NaclC>
  securityGroups: Map<string, SecurityGroupC>
  enis: Map<string, EniC>
  /** Private IPv4/IPv6 address text → ENI id. */
  enisByIp: Map<string, string>
  /** Security group → ENIs that carry it. */
  enisByGroup: Map<string, string[]>
  /** Instance → its primary ENI and private IP. */
  instances: Map<string, { primaryEniId: string | null; privateIp: string | null; state: string | null }>
  loadBalancers: Map<string, LoadBalancerC>
  targetGroups: Map<string, TargetGroupC>
  prefixLists: Map<string, PrefixListC>
  /** Ingress (gateway) route table of each internet gateway. */
  gatewayRouteTables: Map<string, RouteTableC>
  /** Active peering connections: pcx id → the two VPC ids. */
  peerings: Map<string, { id: string; status: string; vpcIds: [string, string] }>
  vpcEndpointGroups: Map<string, string[]>
  elasticIps: Array<{ id: string; publicIp: string | null; associated: boolean }>
  accounts: Set<string>
  /** Operations not collected, by `account/region` (from the snapshot's warnings): verdicts that need them are unknown. */
  notCollected: Map<string, Set<string>>
  /** Internet gateway ids in the data, attached or not: a route to another one points at something never read. */
  internetGatewayIds: Set<string>
  /** Security group → the account × region it lives in (`account/region`). */
  groupPlaces: Map<string, string>
}
