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
