/** Every resource of a version in brief, for the resource list (the full resource is one request away). */
import Type, { type Static } from 'typebox'
import { ResourceKind } from './snapshot.ts'

export const ResourceSummary = Type.Object({
  id: Type.String(),
  kind: ResourceKind,
  /** Name tag or AWS name. Untrusted. */
  name: Type.Optional(Type.String()),
  vpcId: Type.Optional(Type.String()),
  account: Type.String(),
  region: Type.String(),
  /** A few facts per kind (CIDR, addresses, state, ports, rule counts…) as text, for the list's columns and filter. */
  facts: Type.Record(Type.String(), Type.String()),
})
export type ResourceSummary = Static<typeof ResourceSummary>

export const ResourceList = Type.Object({ resources: Type.Array(ResourceSummary) })
export type ResourceList = Static<typeof ResourceList>
