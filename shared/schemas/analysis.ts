/**
 * Analysis results: internet exposure per network interface with the trace that explains it, open
 * security groups that are *not* exposed and what blocks them, findings, and reachability queries.
 * Trace steps use the vocabulary of AWS Reachability Analyzer (aws-network-semantics.md §8-§9), so a
 * reviewer who knows RA reads them without a legend. Built by server/analysis; drawn by the web.
 */
import Type, { type Static } from 'typebox'
import { AcceptanceMark } from './acceptance.ts'
import { Severity } from './severity.ts'
import { Coverage, UnknownVerdict } from './coverage.ts'


/**
 * `tcp`, `udp`, `icmp`, `icmpv6`; `all` (every IP protocol, every port); `other` (every IP protocol that
 * is not listed separately for the same interface, reached through an all-traffic rule); or an IP
 * protocol number such as `50` (ESP), for which ports do not apply.
 */
export const ExposureProtocol = Type.String({ pattern: '^(tcp|udp|icmp|icmpv6|all|other|[0-9]{1,3})$' })

/** [from, to], inclusive. TCP/UDP ports; for icmp/icmpv6 the ICMP *type* range (codes in `icmpCodes`). */
export const PortInterval = Type.Tuple([Type.Integer({ minimum: 0, maximum: 65535 }), Type.Integer({ minimum: 0, maximum: 65535 })])
export type PortInterval = Static<typeof PortInterval>

/** Which layer a trace step checked. */
export const TraceCheck = Type.Union([
  Type.Literal('address'), // the interface has a public address of the packet's family, and can accept inbound at all
  Type.Literal('bpa'), // VPC Block Public Access
  Type.Literal('igw'), // the internet gateway attached to the VPC, translating public → private address
  Type.Literal('ingress-routing'), // a gateway route table on the IGW sending inbound traffic elsewhere first
  Type.Literal('route'), // a subnet route table (for inbound exposure: the route the reply takes)
  Type.Literal('nacl-in'), // network ACL, inbound direction of the subnet
  Type.Literal('nacl-out'), // network ACL, outbound direction (return traffic of an inbound flow, or a forward hop)
  Type.Literal('sg'), // security group ingress of the destination interface (union of its groups)
  Type.Literal('sg-egress'), // security group egress of the source interface (reachability queries)
  Type.Literal('lb-listener'), // a load balancer listener forwarding to a target group
  Type.Literal('lb-sg-egress'), // the load balancer's security group egress towards the target
  Type.Literal('target-sg'), // the target's security group ingress, for the source the target sees
  Type.Literal('lb-target'), // target resolution (instance / ip → network interface, availability zone)
  Type.Literal('peering'), // a VPC peering connection on the path
])
export type TraceCheck = Static<typeof TraceCheck>

export const Verdict = Type.Union([Type.Literal('allow'), Type.Literal('deny'), Type.Literal('partial')])
export type Verdict = Static<typeof Verdict>

/** The rule that decided a step. One of these shapes, told apart by `kind`. */
export const RuleRef = Type.Union([
  Type.Object({
    kind: Type.Literal('sg-rule'),
    /** SecurityGroupRuleId (`sgr-…`), or a content id `sg-…/ingress/tcp/22-22/0.0.0.0/0` when rule ids were not collected. */
    securityGroupRuleId: Type.String(),
    groupId: Type.String(),
    direction: Type.Union([Type.Literal('ingress'), Type.Literal('egress')]),
    /** The rule's source or destination as written: a CIDR, `pl-…` or `sg-…`. */
    peer: Type.String(),
  }),
  Type.Object({
    kind: Type.Literal('nacl-entry'),
    naclId: Type.String(),
    /** 1-32766, or 32767 / 32768 for the built-in `*` deny (shown as `*` by the console). */
    ruleNumber: Type.Integer(),
    egress: Type.Boolean(),
    action: Type.Union([Type.Literal('allow'), Type.Literal('deny')]),
    cidr: Type.String(),
  }),
  Type.Object({
    kind: Type.Literal('route'),
    routeTableId: Type.String(),
    /** The destination CIDR (or `pl-…`) of the winning route; `none` when no route matched. */
    destination: Type.String(),
    /** igw-…, nat-…, tgw-…, pcx-…, eni-…, local, … */
    target: Type.String(),
    state: Type.String(),
  }),
  Type.Object({
    kind: Type.Literal('address'),
    /** Public IPv4 → private IPv4 pairs the internet gateway translates, or the IPv6 addresses reached. */
    addresses: Type.Array(Type.Object({ public: Type.String(), private: Type.String() })),
  }),
  Type.Object({
    kind: Type.Literal('listener'),
    listenerArn: Type.String(),
    protocol: Type.String(),
    port: Type.Integer(),
    targetGroupArn: Type.String(),
    /** The listener rule whose forward action leads to the target group; absent for the default action. */
    ruleArn: Type.Optional(Type.String()),
  }),
  Type.Object({
    kind: Type.Literal('target'),
    targetGroupArn: Type.String(),
    targetId: Type.String(),
    port: Type.Integer(),
    /** The target's IP as the load balancer addresses it. */
    ip: Type.Optional(Type.String()),
  }),
])
export type RuleRef = Static<typeof RuleRef>

export const TraceStep = Type.Object({
  /** 1-based order along the path: forward hops first, then the return checks of stateless layers. */
  seq: Type.Integer({ minimum: 1 }),
  /** The AWS resource checked: kind as in Snapshot resources (or `internet`), id as in the snapshot. */
  component: Type.Object({ kind: Type.String(), id: Type.String() }),
  check: TraceCheck,
  verdict: Verdict,
  /** The rule that decided the step (for `partial`, the rule that allows part of what is needed). */
  ruleRef: Type.Optional(RuleRef),
  /** Further rules that decided other parts of the same step (e.g. NACL entries each allowing part of the ephemeral range). */
  moreRuleRefs: Type.Optional(Type.Array(RuleRef)),
  /** Reachability Analyzer explanation code (e.g. SUBNET_ACL_RESTRICTION), or ours (NAT_NO_INBOUND, …). */
  code: Type.Optional(Type.String()),
  /** One sentence for people: what was checked and what decided it. Contains AWS ids, never tag text. */
  summary: Type.String(),
})
export type TraceStep = Static<typeof TraceStep>

export const LbHop = Type.Object({
  loadBalancerArn: Type.String(),
  listenerArn: Type.String(),
  listenerPort: Type.Integer(),
  targetGroupArn: Type.String(),
  targetPort: Type.Integer(),
  /** True when the target sees the client's own address (NLB client IP preservation). */
  clientIpPreserved: Type.Boolean(),
})
export type LbHop = Static<typeof LbHop>

export const Completeness = Type.Union([Type.Literal('full'), Type.Literal('partial')])
export type Completeness = Static<typeof Completeness>

export const Exposure = Type.Object({
  /** Stable within a version: eni, via, protocol, ports and a trace signature. */
  id: Type.String(),
  /** The network interface the internet reaches (for via-LB exposure: the target's interface). */
  eni: Type.String(),
  /** Instance id, load balancer ARN, NAT gateway / endpoint id owning the interface, or null. */
  resource: Type.Union([Type.String(), Type.Null()]),
  vpcId: Type.Union([Type.String(), Type.Null()]),
  subnetId: Type.Union([Type.String(), Type.Null()]),
  protocol: ExposureProtocol,
  /** Ports at the interface (for via-LB: the target port). ICMP: type range. */
  ports: PortInterval,
  /** ICMP code range, only for icmp/icmpv6 ([0, 255] = all codes). */
  icmpCodes: Type.Optional(PortInterval),
  /** Only for protocol `other`: the IP protocol numbers it does not cover (each evaluated on its own; see other exposures). */
  otherExcept: Type.Optional(Type.Array(Type.Integer())),
  /** Internet source addresses that can open the connection, as the fewest CIDRs (IPv4 first). */
  sources: Type.Array(Type.String()),
  /** How broad `sources` is: world (≥ 99 % of the internet), broad (more than a /16's worth), narrow, host (one address). */
  breadth: Type.Union([Type.Literal('world'), Type.Literal('broad'), Type.Literal('narrow'), Type.Literal('host')]),
  /** `direct`, or `<load balancer ARN>:<listener port>` when the path goes through an internet-facing load balancer. */
  via: Type.String(),
  lb: Type.Optional(LbHop),
  /** `partial`: a stateless NACL lets only some replies out, so only some clients get through (see clientFamilies). */
  completeness: Completeness,
  /** For partial: the client kinds whose ephemeral ports are all allowed back (e.g. "windows-macos (49152-65535)"); empty = none fully. */
  clientFamilies: Type.Optional(Type.Array(Type.String())),
  severity: Severity,
  /** Conditions the verdict rests on that vpclens cannot check (appliances in the path, unknown LB node IPs…). */
  caveats: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
  trace: Type.Array(TraceStep),
  /** Only with a policy (`--policy`): the acceptance that covers this exposure. */
  accepted: Type.Optional(AcceptanceMark),
})
export type Exposure = Static<typeof Exposure>

/** Internet sources a security group admits that do not reach the interface, and the first layer that stops them. */
export const Blocked = Type.Object({
  eni: Type.String(),
  resource: Type.Union([Type.String(), Type.Null()]),
  /** `direct`, or `<load balancer ARN>:<listener port>` for a load-balancer path that stops before the target. */
  via: Type.String(),
  protocol: ExposureProtocol,
  ports: PortInterval,
  icmpCodes: Type.Optional(PortInterval),
  sources: Type.Array(Type.String()),
  /** The security group rules that admit these sources. */
  securityGroupRuleIds: Type.Array(Type.String()),
  /** The first blocking layer, in path order: address / bpa / igw → route → nacl-in → nacl-out. Verdict is `deny`. */
  blockedBy: TraceStep,
})
export type Blocked = Static<typeof Blocked>

export const Finding = Type.Object({
  /** Stable within a version: check and the resources it is about. */
  id: Type.String(),
  /** The catalogue entry, e.g. ADMIN_PORT_EXPOSED, UNUSED_SECURITY_GROUP (see README). */
  check: Type.String(),
  severity: Severity,
  title: Type.String(),
  /** The resources concerned, most specific first (interface, security group, rule id, NACL, route table…). */
  resourceIds: Type.Array(Type.String()),
  detail: Type.String(),
  ports: Type.Optional(Type.Array(PortInterval)),
  sources: Type.Optional(Type.Array(Type.String())),
  /** Exposures this finding is about. */
  exposureIds: Type.Optional(Type.Array(Type.String())),
  /** Only with a policy (`--policy`): the acceptance that covers this finding. */
  accepted: Type.Optional(AcceptanceMark),
})
export type Finding = Static<typeof Finding>

export const SeverityCounts = Type.Object({
  critical: Type.Integer(), high: Type.Integer(), medium: Type.Integer(), low: Type.Integer(), info: Type.Integer(),
})

export const ExposureReport = Type.Object({
  env: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  exposures: Type.Array(Exposure),
  blocked: Type.Array(Blocked),
  /** Verdicts the data cannot decide, each naming the calls not collected or the ids not in the data: neither exposed nor blocked. */
  unknown: Type.Array(UnknownVerdict),
  /** The calls this version lacks per account × region, and its integrity warnings. */
  coverage: Coverage,
  summary: Type.Object({
    networkInterfaces: Type.Integer(),
    exposedInterfaces: Type.Integer(),
    /** Interfaces whose exposure is unknown (the account × region verdicts in `unknown` come on top). */
    unknownInterfaces: Type.Integer(),
    directExposures: Type.Integer(),
    viaLoadBalancerExposures: Type.Integer(),
  }),
})
export type ExposureReport = Static<typeof ExposureReport>

/**
 * One exposure in brief: what the Infrastructure view's overlay and its port filter need (which
 * elements, how severe, which protocol and ports, the load balancer's listener), without sources,
 * traces or caveats. At 20,000 interfaces the full report is tens of MB; this is a small fraction.
 */
export const ExposureBrief = Type.Object({
  id: Type.String(),
  eni: Type.String(),
  resource: Type.Union([Type.String(), Type.Null()]),
  vpcId: Type.Union([Type.String(), Type.Null()]),
  subnetId: Type.Union([Type.String(), Type.Null()]),
  protocol: ExposureProtocol,
  ports: PortInterval,
  severity: Severity,
  lb: Type.Optional(Type.Object({ loadBalancerArn: Type.String(), listenerPort: Type.Integer() })),
  /** Only with a policy (`serve --policy`): the acceptance that covers this exposure (the overlay draws it muted). */
  accepted: Type.Optional(AcceptanceMark),
})
export type ExposureBrief = Static<typeof ExposureBrief>

/** GET …/exposure/summary: the exposure report without traces, sources or blocked paths. */
export const ExposureSummary = Type.Object({
  env: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  exposures: Type.Array(ExposureBrief),
  /** As in the full report: the overlay draws these as unknown, neither exposed nor safe. */
  unknown: Type.Array(UnknownVerdict),
  summary: ExposureReport.properties.summary,
})
export type ExposureSummary = Static<typeof ExposureSummary>

export const FindingsReport = Type.Object({
  env: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  findings: Type.Array(Finding),
  counts: SeverityCounts,
  /** Exposure verdicts and checks the data cannot decide (where a check cannot be run, its findings are left out, not reported as none). */
  unknown: Type.Array(UnknownVerdict),
  coverage: Coverage,
})
export type FindingsReport = Static<typeof FindingsReport>

export const ReachProtocol = Type.Union([
  Type.Literal('tcp'), Type.Literal('udp'), Type.Literal('icmp'), Type.Literal('icmpv6'), Type.Literal('all'),
  Type.String({ pattern: '^[0-9]{1,3}$' }),
])

/**
 * `to`: an ENI id, instance id or IP address. `from` (optional): the same, a CIDR, or `internet`;
 * without it the answer lists everything that can reach `to`. `port` needs tcp/udp (ICMP: the type).
 */
export const ReachQuery = Type.Object({
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  to: Type.String({ minLength: 1, maxLength: 256 }),
  protocol: Type.Optional(ReachProtocol),
  port: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
})
export type ReachQuery = Static<typeof ReachQuery>

export const ReachSourceKind = Type.Union([
  Type.Literal('internet'), Type.Literal('cidr'), Type.Literal('network-interface'), Type.Literal('security-group'),
])

export const ReachAnswer = Type.Object({
  source: Type.Object({
    kind: ReachSourceKind,
    /** The ENI or security group id; null for internet and CIDR sources. */
    id: Type.Union([Type.String(), Type.Null()]),
    /** Source addresses this answer covers. */
    cidrs: Type.Array(Type.String()),
  }),
  protocol: ExposureProtocol,
  ports: PortInterval,
  verdict: Type.Union([Type.Literal('reachable'), Type.Literal('partial'), Type.Literal('blocked')]),
  via: Type.String(),
  clientFamilies: Type.Optional(Type.Array(Type.String())),
  /** The path (reachable/partial), or the path up to and including the blocking step (blocked). */
  trace: Type.Array(TraceStep),
})
export type ReachAnswer = Static<typeof ReachAnswer>

export const ReachResult = Type.Object({
  query: ReachQuery,
  /** What `to` resolved to. */
  target: Type.Object({ eni: Type.String(), resource: Type.Union([Type.String(), Type.Null()]), addresses: Type.Array(Type.String()) }),
  /**
   * For "can A reach B": reachable if any answer is, partial, or blocked. For "what can reach X": reachable when anything can.
   * `unknown` instead of partial or blocked when the path depends on data the version lacks (see `unknown`).
   */
  verdict: Type.Union([Type.Literal('reachable'), Type.Literal('partial'), Type.Literal('blocked'), Type.Literal('unknown')]),
  answers: Type.Array(ReachAnswer),
  /** What the answer cannot decide: calls not collected or ids not in the data on the path of the target (and source). */
  unknown: Type.Array(UnknownVerdict),
  coverage: Coverage,
  /** True when more sources matched than the answer lists (the first 500, grouped by subnet and groups). */
  truncated: Type.Boolean(),
})
export type ReachResult = Static<typeof ReachResult>
