/** Environments and versions as the store records them and the API serves them. */
import Type, { type Static } from 'typebox'
import { CollectionWarning, InventorySource } from './inventory.ts'

export const VersionSummary = Type.Object({
  /** Positive integer as a string, counting up per environment. */
  id: Type.String({ pattern: '^[1-9][0-9]*$' }),
  env: Type.String(),
  createdAt: Type.String(),
  /** The last time a run found this version unchanged (equals createdAt until then). */
  checkedAt: Type.String(),
  hash: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  source: InventorySource,
  /** Resources per kind. */
  counts: Type.Record(Type.String(), Type.Integer()),
  warnings: Type.Array(CollectionWarning),
})
export type VersionSummary = Static<typeof VersionSummary>

export const EnvironmentSummary = Type.Object({
  name: Type.String(),
  versionCount: Type.Integer(),
  latestVersion: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
})
export type EnvironmentSummary = Static<typeof EnvironmentSummary>

/** Environment names appear in URLs and file names: keep them plain. */
export const ENV_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'
export const VERSION_ID_PATTERN = '^([1-9][0-9]*|latest)$'

/**
 * A version as the API accepts it in a path or query: an id, `latest`, or a time naming the version
 * current then (shared/resolveVersion.ts). The server resolves it before validation, so handlers see
 * an id or `latest`.
 */
export const VersionSpecString = Type.String({
  minLength: 1, maxLength: 64,
  description: 'A version number, "latest", or a time: ISO 8601 with Z or an offset (2026-11-28T02:10Z, 2026-11-28T03:10:00+01:00) or relative ("2h ago", "1h30m ago"), meaning the version recorded last at or before it. 400 for a malformed or future time, 404 for a time before the first stored version.',
})
