/**
 * Graph: what the web draws. Nodes nest VPC > availability zone > subnet > resource through
 * `parent`; edges carry a kind. Built by server/graph from a Snapshot.
 */
import Type, { type Static } from 'typebox'
import { ResourceKind } from './snapshot.ts'

export const NodeKind = Type.Union([
  ResourceKind,
  /** A synthetic container: one availability zone inside one VPC. */
  Type.Literal('availability-zone'),
  /** A synthetic container: one account × region, holding its VPCs. */
  Type.Literal('region'),
])
export type NodeKind = Static<typeof NodeKind>

export const GraphNode = Type.Object({
  id: Type.String(),
  kind: NodeKind,
  /** Short text to draw. Untrusted (comes from tags). */
  label: Type.String(),
  parent: Type.Optional(Type.String()),
  /** The resource this node stands for; absent on synthetic containers. */
  resourceId: Type.Optional(Type.String()),
  vpcId: Type.Optional(Type.String()),
  /** Sort key inside the parent, so the layout is deterministic (e.g. subnet tier then CIDR). */
  order: Type.String(),
  /** Few, small facts for the diagram (CIDR, tier, IPs, state); the full resource is one request away. */
  details: Type.Record(Type.String(), Type.String()),
})
export type GraphNode = Static<typeof GraphNode>

export const EdgeKind = Type.Union([
  /** VPC ↔ VPC through an active peering connection. */
  Type.Literal('peering'),
  /** Gateway attached to a VPC (internet gateway, egress-only gateway). */
  Type.Literal('attachment'),
  /** A network interface that belongs to an instance, NAT gateway, load balancer or endpoint. */
  Type.Literal('interface-of'),
  /** Load balancer → target (instance or network interface), through listener and target group. */
  Type.Literal('lb-target'),
  /** Subnet route table sends traffic to a gateway (NAT, internet). */
  Type.Literal('route'),
])
export type EdgeKind = Static<typeof EdgeKind>

export const GraphEdge = Type.Object({
  id: Type.String(),
  kind: EdgeKind,
  source: Type.String(),
  target: Type.String(),
  label: Type.Optional(Type.String()),
})
export type GraphEdge = Static<typeof GraphEdge>

export const Graph = Type.Object({
  nodes: Type.Array(GraphNode),
  edges: Type.Array(GraphEdge),
})
export type Graph = Static<typeof Graph>
