/**
 * Snapshot: an Inventory normalized into a sorted list of resources with stable ids. Its canonical
 * form leaves volatile fields out, so the same environment always hashes the same.
 */
import Type, { type Static } from 'typebox'
import { CollectionWarning } from './inventory.ts'

export const ResourceKind = Type.Union([
  Type.Literal('vpc'),
  Type.Literal('subnet'),
  Type.Literal('route-table'),
  Type.Literal('internet-gateway'),
  Type.Literal('egress-only-internet-gateway'),
  Type.Literal('nat-gateway'),
  Type.Literal('vpc-peering-connection'),
  Type.Literal('transit-gateway-attachment'),
  Type.Literal('vpc-endpoint'),
  Type.Literal('prefix-list'),
  Type.Literal('network-acl'),
  Type.Literal('security-group'),
  Type.Literal('network-interface'),
  Type.Literal('instance'),
  Type.Literal('elastic-ip'),
  Type.Literal('load-balancer'),
  Type.Literal('listener'),
  Type.Literal('listener-rule'),
  Type.Literal('target-group'),
])
export type ResourceKind = Static<typeof ResourceKind>
export const RESOURCE_KINDS: readonly ResourceKind[] = ResourceKind.anyOf.map((l) => l.const as ResourceKind)

export const Resource = Type.Object({
  /** The AWS id or ARN. Unique within a snapshot. */
  id: Type.String({ minLength: 1 }),
  kind: ResourceKind,
  account: Type.String(),
  region: Type.String(),
  /** The VPC the resource lives in, when it lives in one. */
  vpcId: Type.Optional(Type.String()),
  /** The Name tag, or the AWS name (security groups, load balancers). Untrusted text. */
  name: Type.Optional(Type.String()),
  /** Tags as a map. Untrusted text. */
  tags: Type.Record(Type.String(), Type.String()),
  /** The normalized attributes that matter, per kind (see server/snapshot/normalize). */
  attributes: Type.Record(Type.String(), Type.Unknown()),
  /** The SDK object as collected, without volatile fields. */
  raw: Type.Unknown(),
})
export type Resource = Static<typeof Resource>

export const Snapshot = Type.Object({
  schemaVersion: Type.Literal(1),
  /** sha256 of the canonical form of the resources. */
  hash: Type.String(),
  accounts: Type.Array(Type.String()),
  regions: Type.Array(Type.String()),
  resources: Type.Array(Resource),
  warnings: Type.Array(CollectionWarning),
})
export type Snapshot = Static<typeof Snapshot>
