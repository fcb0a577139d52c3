import type { Graph } from '../../../shared/index.ts'

/** What the side panel knows about the selected diagram element before fetching its resource. */
export interface SelectedElement {
  id: string
  group: 'node' | 'edge'
  kind: string
  label: string
  resourceId?: string
  details: Record<string, string>
  source?: string
  target?: string
}

/** Looks a diagram element id up in the graph (edge ids may carry toElements' `edge:` prefix). */
export function selectedElement(graph: Graph, id: string): SelectedElement | null {
  const node = graph.nodes.find((n) => n.id === id)
  if (node) return { id, group: 'node', kind: node.kind, label: node.label, resourceId: node.resourceId, details: node.details }
  const edgeId = id.startsWith('edge:') && !graph.edges.some((e) => e.id === id) ? id.slice(5) : id
  const edge = graph.edges.find((e) => e.id === edgeId)
  if (!edge) return null
  const details: Record<string, string> = {}
  if (edge.label !== undefined) details[edge.kind === 'lb-target' ? 'ports' : 'label'] = edge.label
  return {
    id, group: 'edge', kind: edge.kind, label: edge.label ?? edge.id, details,
    resourceId: edge.kind === 'peering' ? edge.id : undefined, source: edge.source, target: edge.target,
  }
}
