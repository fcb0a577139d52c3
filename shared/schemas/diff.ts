/**
 * The diff of two versions of an environment (server/diff), and one resource's history: what the
 * `diff`, `check` and `history` commands print with --json and what the API serves.
 */
import Type, { type Static } from 'typebox'
import { GraphEdge, GraphNode } from './graph.ts'
import { Resource, ResourceKind } from './snapshot.ts'
import { ENV_NAME_PATTERN, VersionSpecString } from './versions.ts'
import { Severity } from './severity.ts'
import { Coverage, UnknownVerdict } from './coverage.ts'
import { AcceptanceMark } from './acceptance.ts'
import { PolicyChange } from './policy.ts'


/** A plain attribute, tag or name that changed; `path` is dotted (`attributes.publicIps`, `tags.env`). */
export const FieldChange = Type.Object({
  path: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})
export type FieldChange = Static<typeof FieldChange>

/** The rule collections compared as sets, each with its own identity (aws-network-semantics.md §1-§3). */
export const RuleCollection = Type.Union([
  /** Identity: direction, protocol, ports and source (a rule is its content). */
  Type.Literal('sg-ingress'), Type.Literal('sg-egress'),
  /** Identity: direction and rule number; a changed action or CIDR is one modified entry. */
  Type.Literal('nacl-ingress'), Type.Literal('nacl-egress'),
  /** Identity: the destination (CIDR, IPv6 CIDR or prefix list). */
  Type.Literal('routes'),
  /** Identity: the entry's CIDR; only its description can change in place. */
  Type.Literal('prefix-list-entries'),
])
export type RuleCollection = Static<typeof RuleCollection>

export const ChangeType = Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('modified')])
export type ChangeType = Static<typeof ChangeType>

export const RuleChange = Type.Object({
  collection: RuleCollection,
  /** The rule's identity within its collection, e.g. `tcp/22/0.0.0.0/0`, `ingress/100`, `0.0.0.0/0`. */
  key: Type.String(),
  change: ChangeType,
  /** The rule as stored (SecurityGroupRule, NetworkAclEntry or Route); absent on the side it is missing from. */
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
  severity: Severity,
  /** One line: `+ ingress tcp 22 from 0.0.0.0/0`. Contains untrusted descriptions. */
  summary: Type.String(),
})
export type RuleChange = Static<typeof RuleChange>

export const ResourceChange = Type.Object({
  id: Type.String(),
  kind: ResourceKind,
  change: ChangeType,
  name: Type.Optional(Type.String()),
  vpcId: Type.Optional(Type.String()),
  /** The highest severity of its rule changes (info for plain edits, low for an added or removed resource). */
  severity: Severity,
  fields: Type.Array(FieldChange),
  rules: Type.Array(RuleChange),
})
export type ResourceChange = Static<typeof ResourceChange>

/** A link between resources that changed: an ENI that moved subnet or changed groups, an instance's ENIs, … */
export const RelationshipChange = Type.Object({
  resourceId: Type.String(),
  kind: ResourceKind,
  /** The attribute holding the link (`subnetId`, `groupIds`, `networkInterfaceIds`, `targets`, …). */
  relation: Type.String(),
  before: Type.Array(Type.String()),
  after: Type.Array(Type.String()),
  added: Type.Array(Type.String()),
  removed: Type.Array(Type.String()),
  severity: Severity,
  summary: Type.String(),
})
export type RelationshipChange = Static<typeof RelationshipChange>

export const PortRange = Type.Object({ from: Type.Integer(), to: Type.Integer() })
export type PortRange = Static<typeof PortRange>

/**
 * One thing the internet (or a source range) can reach, as input to the exposure diff. The rule-based
 * first approximation makes these from security-group ingress rules (resource = the group); exposure
 * analysis makes them per network interface with the ids of the rules that allowed it.
 */
export const ExposureFact = Type.Object({
  resourceId: Type.String(),
  /** `tcp`, `udp`, `icmp`, `icmpv6`, or an IP protocol number as a string. */
  protocol: Type.String(),
  ports: PortRange,
  /** CIDRs or prefix-list ids. */
  sources: Type.Array(Type.String()),
  /** Ids of the rules (SG rule ids, NACL `acl-…/ingress/100`, route table ids) that decided it, when known. */
  ruleIds: Type.Optional(Type.Array(Type.String())),
  /**
   * The port the internet sees when it is not `ports` (a load balancer's listener port for a target
   * reached through it): the severity is graded on it, as exposure analysis grades it.
   */
  seenPort: Type.Optional(Type.Number()),
})
export type ExposureFact = Static<typeof ExposureFact>

export const ExposureChangeType = Type.Union([
  Type.Literal('newly-exposed'), Type.Literal('no-longer-exposed'), Type.Literal('widened'), Type.Literal('narrowed'),
])
export type ExposureChangeType = Static<typeof ExposureChangeType>

/** A rule or relationship change that caused an exposure change. */
export const ChangeCause = Type.Object({
  resourceId: Type.String(),
  /** A RuleCollection, `relationship:<relation>`, `field` (an address field) or `resource` (a listener added, removed or changed). */
  collection: Type.String(),
  key: Type.String(),
  change: ChangeType,
  summary: Type.String(),
})
export type ChangeCause = Static<typeof ChangeCause>

export const ExposureChange = Type.Object({
  change: ExposureChangeType,
  severity: Severity,
  /** The exposed resource: a network interface (analysis) or a security group (rule-based basis). */
  resourceId: Type.String(),
  resourceKind: ResourceKind,
  protocol: Type.String(),
  ports: PortRange,
  /** Sources that can reach it after the change (before, for no-longer-exposed). */
  sources: Type.Array(Type.String()),
  addedSources: Type.Array(Type.String()),
  removedSources: Type.Array(Type.String()),
  /** Network interfaces that carry the group (rule-based basis only). */
  affected: Type.Array(Type.String()),
  causes: Type.Array(ChangeCause),
  summary: Type.String(),
  /** Only with a policy: the acceptance that covers what this change exposes (alerts and check skip it). */
  accepted: Type.Optional(AcceptanceMark),
})
export type ExposureChange = Static<typeof ExposureChange>

export const DiffSide = Type.Object({
  hash: Type.String(),
  /** The version id, when the snapshot came from the store. */
  version: Type.Optional(Type.String()),
})

export const Diff = Type.Object({
  from: DiffSide,
  to: DiffSide,
  /** Where exposure changes came from: exposure analysis, or security-group rules alone. */
  exposureBasis: Type.Union([Type.Literal('analysis'), Type.Literal('rules')]),
  summary: Type.Object({
    added: Type.Integer(),
    removed: Type.Integer(),
    modified: Type.Integer(),
    relationships: Type.Integer(),
    exposure: Type.Integer(),
    /** The most severe change, or null when nothing changed. */
    highestSeverity: Type.Union([Severity, Type.Null()]),
  }),
  /** Ranked: most severe first, then widening before narrowing, then by resource. */
  exposure: Type.Array(ExposureChange),
  /** Ranked: most severe first, then by id. */
  resources: Type.Array(ResourceChange),
  relationships: Type.Array(RelationshipChange),
  /**
   * What each version lacks (calls not collected, integrity warnings). Set by every edge (CLI, API);
   * absent only from diffs of bare snapshots (tests, the rule-based basis).
   */
  coverage: Type.Optional(Type.Object({ from: Coverage, to: Coverage })),
  /**
   * Exposure verdicts either version cannot decide. Their interfaces are left out of `exposure`: a
   * verdict that became unknown is not "no longer exposed", nor one that became known "newly exposed".
   */
  unknownExposure: Type.Optional(Type.Object({ from: Type.Array(UnknownVerdict), to: Type.Array(UnknownVerdict) })),
  /** Only with a policy (`--policy`): scopes broken or restored, items back that an expired acceptance covered. Most severe first. */
  policy: Type.Optional(Type.Array(PolicyChange)),
})
export type Diff = Static<typeof Diff>

export const DiffStatus = Type.Union([
  Type.Literal('added'), Type.Literal('removed'), Type.Literal('modified'), Type.Literal('unchanged'),
])
export type DiffStatus = Static<typeof DiffStatus>

/** The union of two versions' graphs, for the diff view: every node and edge with its status. */
export const DiffGraph = Type.Object({
  nodes: Type.Array(Type.Object({ ...GraphNode.properties, status: DiffStatus })),
  edges: Type.Array(Type.Object({ ...GraphEdge.properties, status: DiffStatus })),
})
export type DiffGraph = Static<typeof DiffGraph>

export const DiffQuery = Type.Object({
  from: VersionSpecString,
  to: VersionSpecString,
})
export type DiffQuery = Static<typeof DiffQuery>

/** One content a resource had, from version `fromVersion` until (not including) `untilVersion`. */
export const ResourceRevisionView = Type.Object({
  fromVersion: Type.String(),
  untilVersion: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
  resource: Resource,
  /** What changed against the previous revision; null for the first one. */
  changes: Type.Union([ResourceChange, Type.Null()]),
})
export type ResourceRevisionView = Static<typeof ResourceRevisionView>

export const ResourceHistory = Type.Object({
  env: Type.String(),
  resourceId: Type.String(),
  /** Oldest first. A resource removed and re-added has a gap between two revisions. */
  revisions: Type.Array(ResourceRevisionView),
})
export type ResourceHistory = Static<typeof ResourceHistory>

export const HistoryParams = Type.Object({
  env: Type.String({ pattern: ENV_NAME_PATTERN }),
  id: Type.String({ minLength: 1, maxLength: 2048 }),
})
