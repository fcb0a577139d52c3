/**
 * Live refresh (`serve` with discover options) and watch mode: the refresh status the API serves and
 * the web app polls, and the JSON a webhook receives after a new version with security-relevant changes.
 */
import Type, { type Static } from 'typebox'
import { Severity } from './severity.ts'
import { ResourceKind } from './snapshot.ts'

export const RefreshProgress = Type.Object({
  /** Account × region × service steps finished, and started so far. */
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  /** The last step, e.g. `123456789012 eu-west-1 ec2 done`. */
  message: Type.String(),
})
export type RefreshProgress = Static<typeof RefreshProgress>

export const RefreshState = Type.Union([
  Type.Literal('idle'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'),
])
export type RefreshState = Static<typeof RefreshState>

/** The current or last refresh of an environment on this server. */
export const RefreshStatus = Type.Object({
  env: Type.String(),
  state: RefreshState,
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Union([RefreshProgress, Type.Null()]),
  /** After success: the environment's latest version, and whether this run added it. */
  version: Type.Union([Type.String(), Type.Null()]),
  created: Type.Union([Type.Boolean(), Type.Null()]),
  /** After failure: why, in one line (never credentials). */
  error: Type.Union([Type.String(), Type.Null()]),
})
export type RefreshStatus = Static<typeof RefreshStatus>

/** One security-relevant change, as a webhook lists it. Summaries hold untrusted AWS text. */
export const AlertChange = Type.Object({
  severity: Severity,
  /** What kind of change: an exposure change, a resource (and its rules), a relationship, or (with `--policy`) a broken scope or an expired acceptance. */
  type: Type.Union([Type.Literal('exposure'), Type.Literal('resource'), Type.Literal('relationship'), Type.Literal('policy')]),
  /** `added`/`removed`/`modified`; for exposure `newly-exposed`/`widened`/`narrowed`/`no-longer-exposed`; for policy `scope-violated`/`acceptance-expired`. */
  change: Type.String(),
  resourceId: Type.String(),
  resourceKind: ResourceKind,
  summary: Type.String(),
})
export type AlertChange = Static<typeof AlertChange>

/** The body of a webhook POST. Signed: `X-Vpclens-Signature: sha256=<hex HMAC-SHA256 of the body>`. */
export const WebhookPayload = Type.Object({
  event: Type.Literal('vpclens.changes'),
  env: Type.String(),
  fromVersion: Type.String(),
  toVersion: Type.String(),
  /** When the new version was recorded. */
  at: Type.String(),
  /** Only changes at or above this severity are listed. */
  alertOn: Severity,
  highestSeverity: Severity,
  /** Counts over the whole diff, before filtering by severity. */
  counts: Type.Object({
    added: Type.Integer(), removed: Type.Integer(), modified: Type.Integer(),
    relationships: Type.Integer(), exposure: Type.Integer(),
  }),
  /** Most severe first; at most 100 (see `omitted`). */
  changes: Type.Array(AlertChange),
  omitted: Type.Integer({ minimum: 0 }),
})
export type WebhookPayload = Static<typeof WebhookPayload>
