/**
 * Attribution: who changed what between two versions, read from AWS CloudTrail's management events
 * (LookupEvents) for the resources the diff names. What `diff --attribute`, `history --attribute` and
 * `report` print with --json and what the API serves.
 */
import Type, { type Static } from 'typebox'
import { DiffQuery } from './diff.ts'

/** One CloudTrail management event that names a changed resource. Every string is untrusted text. */
export const AttributionEvent = Type.Object({
  eventId: Type.String(),
  /** ISO time of the API call. */
  eventTime: Type.String(),
  /** The API call, e.g. `AuthorizeSecurityGroupIngress`. */
  eventName: Type.String(),
  /** e.g. `ec2.amazonaws.com`. */
  eventSource: Type.String(),
  /** userIdentity.arn (an assumed-role session, an IAM user, a service), when CloudTrail gives one. */
  principalArn: Type.Optional(Type.String()),
  /** The user name CloudTrail shows beside the event (a session name for assumed roles). */
  userName: Type.Optional(Type.String()),
  sourceIp: Type.Optional(Type.String()),
  userAgent: Type.Optional(Type.String()),
})
export type AttributionEvent = Static<typeof AttributionEvent>

/**
 * `found`: events name the resource in the window. `none-found`: CloudTrail was read and no write
 * event names it (changes made by AWS itself, or before CloudTrail delivered the event).
 * `not-available`: it could not be read; `reason` says why (no permission, older than 90 days,
 * region not read, not looked up).
 */
export const AttributionState = Type.Union([Type.Literal('found'), Type.Literal('none-found'), Type.Literal('not-available')])
export type AttributionState = Static<typeof AttributionState>

export const ResourceAttribution = Type.Object({
  resourceId: Type.String(),
  account: Type.String(),
  region: Type.String(),
  state: AttributionState,
  reason: Type.Optional(Type.String()),
  /** Oldest first. */
  events: Type.Array(AttributionEvent),
})
export type ResourceAttribution = Static<typeof ResourceAttribution>

export const Attribution = Type.Object({
  env: Type.String(),
  from: Type.String(),
  to: Type.String(),
  /** The CloudTrail time window searched: after the FROM version was last confirmed, up to the TO version. */
  window: Type.Object({ start: Type.String(), end: Type.String() }),
  /** When CloudTrail was read (a cached answer keeps its original time). */
  lookedUpAt: Type.String(),
  resources: Type.Array(ResourceAttribution),
})
export type Attribution = Static<typeof Attribution>

/** `GET …/report`: the incident report of two versions, as a file to download. */
export const ReportQuery = Type.Object({
  from: DiffQuery.properties.from,
  to: DiffQuery.properties.to,
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('markdown')], { default: 'html' })),
  /** Include who made each change (only on a server started with `--attribute`). */
  attribute: Type.Optional(Type.Boolean({ default: false })),
})
export type ReportQuery = Static<typeof ReportQuery>
