/**
 * The latest version of an environment, for open web pages that poll for new versions
 * (`GET /api/environments/:env/latest`, with ETag: an unchanged latest version answers 304).
 */
import Type, { type Static } from 'typebox'
import { Diff } from './diff.ts'
import { InventorySource } from './inventory.ts'

const PerSeverity = Type.Object({
  critical: Type.Integer(), high: Type.Integer(), medium: Type.Integer(), low: Type.Integer(), info: Type.Integer(),
})

/**
 * What changed in a version against its parent: the same summary as `GET …/diff?from=PARENT&to=ID`,
 * and how many changes there are of each severity: `changes` counts resource and relationship
 * changes, `exposure` the exposure changes they caused. Stored when a version is recorded.
 */
export const VersionChanges = Type.Object({ summary: Diff.properties.summary, changes: PerSeverity, exposure: PerSeverity })
export type VersionChanges = Static<typeof VersionChanges>

export const LatestVersion = Type.Object({
  env: Type.String(),
  id: Type.String(),
  createdAt: Type.String(),
  source: InventorySource,
  parent: Type.Union([Type.String(), Type.Null()]),
  /** What changed against the parent (VersionChanges). Null for a first version, or when the parent was pruned. */
  changes: Type.Union([VersionChanges, Type.Null()]),
})
export type LatestVersion = Static<typeof LatestVersion>
