/**
 * The timeline of an environment: every version with what changed against its parent, for the web's
 * Timeline view (one request instead of one diff per version).
 */
import Type, { type Static } from 'typebox'
import { Diff } from './diff.ts'
import { InventorySource } from './inventory.ts'

export const TimelineEntry = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  checkedAt: Type.String(),
  source: InventorySource,
  parent: Type.Union([Type.String(), Type.Null()]),
  /** Resources in this version, all kinds together. */
  resources: Type.Integer(),
  /**
   * The diff summary against the parent (the same counts and highest severity as
   * `GET …/diff?from=PARENT&to=ID`); null for a first version, or when the parent was pruned.
   */
  changes: Type.Union([Diff.properties.summary, Type.Null()]),
})
export type TimelineEntry = Static<typeof TimelineEntry>

export const Timeline = Type.Object({
  env: Type.String(),
  /** Oldest first. */
  versions: Type.Array(TimelineEntry),
})
export type Timeline = Static<typeof Timeline>
