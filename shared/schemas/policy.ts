/**
 * Intended exposure as code: the policy file a team keeps in its repository (`vpclens.policy.yaml`
 * or `.json`) and what evaluating it against a version gives (server/policy). `accept:` entries mark
 * reviewed findings and exposures as accepted, with a reason, an owner and an optional expiry;
 * `scopes:` are reachability rules that must hold. docs/vpclens.policy.schema.json is this schema,
 * published for editors (a test keeps the two equal).
 */
import Type, { type Static } from 'typebox'
import { AcceptanceMark } from './acceptance.ts'
import { PortInterval, TraceStep } from './analysis.ts'
import { Severity } from './severity.ts'

const Protocol = Type.String({
  pattern: '^(tcp|udp|icmp|icmpv6|all|[0-9]{1,3})$',
  description: 'tcp, udp, icmp, icmpv6, all, or an IP protocol number',
})
const Port = Type.Union([
  Type.Integer({ minimum: 0, maximum: 65535 }),
  Type.String({ pattern: '^[0-9]{1,5}(-[0-9]{1,5})?$', description: 'a port or a range, 8000-8100' }),
], { description: 'a port (22) or a range ("8000-8100")' })
const Tag = Type.String({ minLength: 1, description: 'a tag, key=value or key, optionally written tag:key=value' })
const Source = Type.String({
  pattern: '^(pl-[0-9a-zA-Z]+|[0-9a-fA-F.:]+/[0-9]{1,3})$',
  description: 'a CIDR (IPv4 or IPv6) or a managed prefix list id (pl-…)',
})

/** Which network interfaces a scope is about: all conditions given must hold. */
export const PolicySelector = Type.Object({
  tag: Type.Optional(Tag),
  resource: Type.Optional(Type.String({ minLength: 1, description: 'a network interface, instance or load balancer id/ARN' })),
  vpc: Type.Optional(Type.String({ pattern: '^vpc-[0-9a-zA-Z]+$' })),
  subnet: Type.Optional(Type.String({ pattern: '^subnet-[0-9a-zA-Z]+$' })),
}, { additionalProperties: false, minProperties: 1, description: 'network interfaces: by tag (on the interface or its instance or load balancer), id, VPC or subnet' })
export type PolicySelector = Static<typeof PolicySelector>

/** A reviewed finding or exposure: every matcher given must match; at least one matcher. */
export const PolicyAcceptance = Type.Object({
  check: Type.Optional(Type.String({
    pattern: '^[A-Z][A-Z0-9_]*(:[A-Za-z0-9][A-Za-z0-9_.-]{0,63})?$',
    description: 'a finding check id, e.g. ADMIN_PORT_EXPOSED; SCOPE_VIOLATION for any scope, SCOPE_VIOLATION:<scope id> for one',
  })),
  resource: Type.Optional(Type.String({ minLength: 1, description: 'a resource id or ARN the item is about' })),
  tag: Type.Optional(Tag),
  port: Type.Optional(Port),
  protocol: Type.Optional(Protocol),
  source: Type.Optional(Source),
  reason: Type.String({ minLength: 1 }),
  owner: Type.String({ minLength: 1 }),
  expires: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'last day the acceptance applies, YYYY-MM-DD (UTC)' })),
}, { additionalProperties: false })
export type PolicyAcceptance = Static<typeof PolicyAcceptance>

const scopeBase = {
  id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'names the scope in reports' }),
  description: Type.Optional(Type.String()),
  severity: Type.Optional(Severity),
}

/** "Nothing tagged tier=db is reachable from the internet (on any port, or on `port`)". */
export const NotInternetReachableScope = Type.Object({
  ...scopeBase,
  kind: Type.Literal('not-internet-reachable'),
  resources: PolicySelector,
  protocol: Type.Optional(Protocol),
  port: Type.Optional(Port),
}, { additionalProperties: false })

/** "Only load balancers are internet-facing": no direct exposure of anything but a load balancer. */
export const OnlyLoadBalancersScope = Type.Object({
  ...scopeBase,
  kind: Type.Literal('only-load-balancers-internet-facing'),
  resources: Type.Optional(PolicySelector),
}, { additionalProperties: false })

/** "SSH only from prefix list pl-…": the internet reaches `port` only from these sources. */
export const AllowedSourcesScope = Type.Object({
  ...scopeBase,
  kind: Type.Literal('allowed-internet-sources'),
  protocol: Type.Optional(Protocol),
  port: Port,
  sources: Type.Array(Source, { minItems: 1 }),
  resources: Type.Optional(PolicySelector),
}, { additionalProperties: false })

/** "No path from VPC A to VPC B on 5432": no interface of `from` can open a connection to one of `to`. */
export const NoPathScope = Type.Object({
  ...scopeBase,
  kind: Type.Literal('no-path'),
  from: PolicySelector,
  to: PolicySelector,
  protocol: Type.Optional(Protocol),
  port: Type.Optional(Port),
}, { additionalProperties: false })

export const PolicyScope = Type.Union([NotInternetReachableScope, OnlyLoadBalancersScope, AllowedSourcesScope, NoPathScope])
export type PolicyScope = Static<typeof PolicyScope>
export const SCOPE_KINDS = ['not-internet-reachable', 'only-load-balancers-internet-facing', 'allowed-internet-sources', 'no-path'] as const

export const PolicyFile = Type.Object({
  version: Type.Optional(Type.Literal(1)),
  accept: Type.Optional(Type.Array(PolicyAcceptance)),
  scopes: Type.Optional(Type.Array(PolicyScope)),
}, { additionalProperties: false, title: 'vpclens policy file' })
export type PolicyFile = Static<typeof PolicyFile>

/** A rule that must hold, broken: what breaks it and the path, with the rule that decided each step. */
export const ScopeViolation = Type.Object({
  /** Stable within a version: scope id and what it is about. */
  id: Type.String(),
  scope: Type.String(),
  severity: Severity,
  title: Type.String(),
  /** Most specific first: the interface, its owner, the source interface (no-path). */
  resourceIds: Type.Array(Type.String()),
  detail: Type.String(),
  protocol: Type.String(),
  ports: PortInterval,
  sources: Type.Optional(Type.Array(Type.String())),
  exposureId: Type.Optional(Type.String()),
  trace: Type.Array(TraceStep),
  accepted: Type.Optional(AcceptanceMark),
})
export type ScopeViolation = Static<typeof ScopeViolation>

export const ScopeResult = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  description: Type.Optional(Type.String()),
  severity: Severity,
  line: Type.Integer({ minimum: 1 }),
  /** `unknown`: no violation found, but part of the question could not be answered (see `unknown`). */
  status: Type.Union([Type.Literal('holds'), Type.Literal('violated'), Type.Literal('unknown')]),
  violations: Type.Array(ScopeViolation),
  /** Why the answer is not complete (a route to a transit gateway the snapshot cannot follow, …). */
  unknown: Type.Array(Type.String()),
  /** True when more violations exist than listed (the first 100). */
  truncated: Type.Boolean(),
})
export type ScopeResult = Static<typeof ScopeResult>

export const AcceptanceStatus = Type.Object({
  ...AcceptanceMark.properties,
  /** What the entry matches on, as written (`check=ADMIN_PORT_EXPOSED port=22`). */
  matches: Type.String(),
  /** `expired`: past its date, no longer applies; `stale`: applies but matches nothing in this version. */
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('stale')]),
  /** Ids of the findings, exposures and scope violations it matches (or would, when expired). */
  matched: Type.Array(Type.String()),
})
export type AcceptanceStatus = Static<typeof AcceptanceStatus>

/** `GET …/versions/:version/policy` and `--policy` output: the policy applied to one version. */
export const PolicyReport = Type.Object({
  env: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  /** The policy file as given to the command (`serve --policy`). */
  file: Type.String(),
  /** The day expiry dates are compared with (UTC). */
  today: Type.String(),
  acceptances: Type.Array(AcceptanceStatus),
  scopes: Type.Array(ScopeResult),
})
export type PolicyReport = Static<typeof PolicyReport>

/**
 * The policy `serve --policy` applies, as the environment list reports it (GET /api/environments):
 * how the web knows to ask for `…/policy` and to offer "hide accepted". Absent without a policy.
 */
export const ServedPolicy = Type.Object({
  /** The policy file as given to `serve --policy`. */
  file: Type.String(),
  acceptances: Type.Integer({ minimum: 0 }),
  scopes: Type.Integer({ minimum: 0 }),
})
export type ServedPolicy = Static<typeof ServedPolicy>

/**
 * A change between two versions seen through a policy (diff, check --against, watch): a scope newly
 * broken (the scope's severity) or restored (info), or an item coming back that only an expired
 * acceptance covered (the item's severity).
 */
export const PolicyChange = Type.Object({
  type: Type.Union([Type.Literal('scope-violated'), Type.Literal('scope-restored'), Type.Literal('acceptance-expired')]),
  severity: Severity,
  /** The violation, finding or exposure id. */
  id: Type.String(),
  scope: Type.Optional(Type.String()),
  /** The expired acceptance (line in the policy file). */
  acceptanceLine: Type.Optional(Type.Integer()),
  resourceIds: Type.Array(Type.String()),
  summary: Type.String(),
})
export type PolicyChange = Static<typeof PolicyChange>
