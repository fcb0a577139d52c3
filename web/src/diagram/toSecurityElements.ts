/**
 * Security graph + layout → Cytoscape element definitions. Pure; data and classes only. Labels are
 * plain text on a canvas, so untrusted group names are harmless here.
 */
import type { ElementDefinition } from 'cytoscape'
import type { SecurityGraph, SecurityGraphNode } from '../../../shared/index.ts'
import type { SecurityLayout } from './securityLayout.ts'
import { truncate } from './toElements.ts'

const round = (n: number) => Math.round(n * 1000) / 1000

/** The text drawn on a node of the Security view. */
export function securityLabel(n: SecurityGraphNode, self?: string): string {
  switch (n.kind) {
    case 'vpc': return truncate(`${n.label}${n.label !== n.id ? `  ·  ${n.id}` : ''}${n.details.cidr ? `  ·  ${n.details.cidr}` : ''}`, 80)
    case 'security-group': {
      const members = Number(n.details.members ?? 0)
      const own = `${truncate(n.label, 26)}\n${n.id}${members > 0 ? `  ·  ${members} ENI${members === 1 ? '' : 's'}` : ''}`
      return self === undefined ? own : `${own}\n↻ itself: ${self}`
    }
    case 'internet': return 'Internet\n0.0.0.0/0 · ::/0'
    case 'cidr': return n.details.vpc ? `${n.label}\n${truncate(n.details.vpc, 26)}` : `CIDR\n${n.label}`
    case 'prefix-list': return `${truncate(n.label, 24)}\n${n.resourceId ?? n.id}`
    case 'external-group': return `${n.id}\nnot collected${n.details.peering ? ` · ${n.details.peering}` : ''}`
    case 'network-interface': return `${truncate(n.label, 20)}\n${truncate(n.details.privateIps ?? n.id, 20)}`
    default: return truncate(n.label, 26)
  }
}

export function toSecurityElements(graph: SecurityGraph, layout: SecurityLayout): ElementDefinition[] {
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]))
  const selfLabel = new Map(graph.edges.filter((e) => e.kind === 'ingress' && e.source === e.target).map((e) => [e.source, e.label]))
  const containers: ElementDefinition[] = []
  const leaves: ElementDefinition[] = []
  for (const n of graph.nodes) {
    const data: Record<string, unknown> = { id: n.id, kind: n.kind, name: n.label, label: securityLabel(n, selfLabel.get(n.id)) }
    if (n.resourceId !== undefined) data.resourceId = n.resourceId
    if (n.kind === 'vpc') {
      containers.push({ group: 'nodes', data: data as ElementDefinition['data'], classes: ['sg-vpc'] })
      continue
    }
    if (n.parent !== undefined && kindOf.get(n.parent) === 'vpc') data.parent = n.parent
    const el: ElementDefinition = { group: 'nodes', data: data as ElementDefinition['data'], classes: ['sg-node', `sg-${n.kind}`] }
    const p = layout.positions.get(n.id)
    if (p) el.position = { x: round(p.x), y: round(p.y) }
    leaves.push(el)
  }
  const edges: ElementDefinition[] = []
  for (const e of graph.edges) {
    if (!kindOf.has(e.source) || !kindOf.has(e.target)) continue
    const classes = [e.kind === 'ingress' ? 'sg-ingress' : 'sg-member-of']
    if (e.kind === 'ingress') {
      classes.push(`from-${kindOf.get(e.source)}`)
      if (e.source === e.target) classes.push('sg-self')
      if (e.peeringConnectionId) classes.push('sg-peered')
    }
    const data: Record<string, unknown> = { id: e.id, kind: e.kind, source: e.source, target: e.target }
    if (e.label !== '') data.edgeLabel = e.label
    edges.push({ group: 'edges', data: data as ElementDefinition['data'], classes })
  }
  return [...containers, ...leaves, ...edges]
}
