/**
 * Graph + layout → Cytoscape element definitions. Pure. Elements carry data and classes only, never
 * inline style: the stylesheet maps `data(w)`, `data(minW)`… so compounds come out exactly the size
 * the layout gave them, whatever their children.
 */
import type { ElementDefinition } from 'cytoscape'
import type { Graph, GraphNode } from '../../../shared/index.ts'
import type { Box, DiagramLayout } from './layout.ts'
import { BOUNDS_SLACK, CONTAINER_KINDS, EDGE_GATEWAY_KINDS, METRICS, cyPadding } from './metrics.ts'
import { typeTag } from './typeTag.ts'

/** Padding and border of each container kind, as the stylesheet draws them. */
export const CONTAINER_FRAME: Record<string, { pad: number; border: number }> = {
  region: METRICS.region,
  vpc: METRICS.vpc,
  'availability-zone': METRICS.az,
  subnet: METRICS.subnet,
}

const round = (n: number) => Math.round(n * 1000) / 1000

export function truncate(text: string, max: number): string {
  // Fast path (most labels): short enough in UTF-16 units, hence in characters, and nothing to collapse.
  if (text.length <= max && !/\s\s|[^\S ]|^ | $/.test(text)) return text
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > max ? chars.slice(0, Math.max(1, max - 1)).join('') + '…' : chars.join('')
}

/** The text drawn on a node. Plain text on a canvas, so untrusted names are harmless here. */
export function displayLabel(n: GraphNode, width: number): string {
  const d = n.details
  if (CONTAINER_KINDS.has(n.kind)) {
    const parts = [n.label]
    if (n.kind === 'vpc' && n.label !== n.id) parts.push(n.id)
    if (d.cidr && !n.label.includes(d.cidr)) parts.push(d.cidr)
    return truncate(parts.join('  ·  '), Math.floor(width / (n.kind === 'subnet' ? 6.2 : 7.4)))
  }
  const tag = typeTag(n)
  if (EDGE_GATEWAY_KINDS.has(n.kind)) return tag
  const hint = n.kind === 'instance' ? d.type : n.kind === 'network-interface' ? d.privateIps?.split(',')[0] : n.kind === 'load-balancer' ? d.scheme : undefined
  const first = hint ? `${tag}  ${truncate(hint, 14)}` : tag
  return `${first}\n${truncate(n.label, 18)}`
}

/**
 * `include`, when given, limits the nodes mapped (the large-environment view maps the resources of
 * expanded subnets only); edges are kept when both ends are mapped.
 */
export function toElements(graph: Graph, layout: DiagramLayout, include?: (id: string) => boolean): ElementDefinition[] {
  const { boxes, positions, parents } = layout
  const { childrenOf, placed } = layoutIndex(graph, layout)
  const depth = (id: string) => {
    let d = 0
    for (let p = parents.get(id); p !== undefined && d < 16; p = parents.get(p)) d++
    return d
  }

  const nodes: { depth: number; el: ElementDefinition }[] = []
  const seen = new Set<string>()
  for (const n of graph.nodes) {
    const box = boxes.get(n.id)
    if (!box || seen.has(n.id) || (include && !include(n.id))) continue
    seen.add(n.id)
    const data: Record<string, unknown> = { id: n.id, kind: n.kind, name: n.label, label: displayLabel(n, box.w) }
    const parent = parents.get(n.id)
    if (parent !== undefined) data.parent = parent
    if (n.resourceId !== undefined) data.resourceId = n.resourceId
    if (n.vpcId !== undefined) data.vpcId = n.vpcId
    if (n.details.tier) data.tier = n.details.tier
    const header = layout.headers.get(n.id)
    if (header !== undefined) data.header = header
    const classes: string[] = [n.kind]
    const frame = CONTAINER_FRAME[n.kind]
    if (frame) {
      classes.push('container')
      Object.assign(data, compoundSize(box, frame, (childrenOf.get(n.id) ?? []).map((c) => boxes.get(c)!)))
      if (n.kind === 'subnet') classes.push(`tier-${n.details.tier ?? 'unknown'}`)
    } else {
      classes.push(EDGE_GATEWAY_KINDS.has(n.kind) ? 'gateway' : 'resource')
      if (n.kind === 'load-balancer' && n.details.type) classes.push(`lb-${n.details.type}`)
    }
    const el: ElementDefinition = { group: 'nodes', data: data as ElementDefinition['data'], classes }
    const pos = positions.get(n.id)
    if (pos) el.position = { x: round(pos.x), y: round(pos.y) }
    nodes.push({ depth: depth(n.id), el })
  }
  // Parents before children, otherwise in the graph's order.
  nodes.sort((a, b) => a.depth - b.depth)

  const edges: ElementDefinition[] = []
  // Edge ids avoid every placed node's id, mapped or not, so an edge keeps its id whatever is expanded.
  const usedIds = new Set(include ? placed : seen)
  for (const e of graph.edges) {
    if (!seen.has(e.source) || !seen.has(e.target)) continue
    const id = usedIds.has(e.id) ? `edge:${e.id}` : e.id
    if (usedIds.has(id)) continue
    usedIds.add(id)
    const data: Record<string, unknown> = { id, kind: e.kind, source: e.source, target: e.target }
    if (e.label !== undefined) data.edgeLabel = e.label
    if (e.kind === 'peering') data.resourceId = e.id
    edges.push({ group: 'edges', data: data as ElementDefinition['data'], classes: [e.kind] })
  }
  return [...nodes.map((n) => n.el), ...edges]
}

/**
 * Per graph and layout, kept while they live: each container's children, and the ids of the placed
 * nodes. The large view maps elements again on every expansion; these walk all 46,000 resources of a
 * 20,000-interface graph, and do not change with what is expanded.
 */
const indexes = new WeakMap<DiagramLayout, { graph: Graph; childrenOf: Map<string, string[]>; placed: ReadonlySet<string> }>()

function layoutIndex(graph: Graph, layout: DiagramLayout) {
  const known = indexes.get(layout)
  if (known && known.graph === graph) return known
  const childrenOf = new Map<string, string[]>()
  for (const [child, parent] of layout.parents) {
    const list = childrenOf.get(parent)
    if (list) list.push(child)
    else childrenOf.set(parent, [child])
  }
  const placed = new Set(graph.nodes.filter((n) => layout.boxes.has(n.id)).map((n) => n.id))
  const index = { graph, childrenOf, placed }
  indexes.set(layout, index)
  return index
}

/**
 * Cytoscape sizes a compound as (its children's bounding boxes, each grown by BOUNDS_SLACK, then grown
 * to min-width/min-height) plus padding and border. min-* and the bias values (px on each side) make
 * that box the layout's box. A container without children in the diagram is a plain node: its width
 * and height are set instead.
 */
function compoundSize(box: Box, frame: { pad: number; border: number }, kids: Box[]) {
  const inset = cyPadding(frame) + frame.border / 2
  const cx1 = box.x + inset, cy1 = box.y + inset, cx2 = box.x + box.w - inset, cy2 = box.y + box.h - inset
  const size = { w: round(Math.max(1, box.w - 2 * inset)), h: round(Math.max(1, box.h - 2 * inset)) }
  if (kids.length === 0) return { ...size, minW: 0, minH: 0, biasL: 0, biasR: 0, biasT: 0, biasB: 0 }
  let ux1 = Infinity, uy1 = Infinity, ux2 = -Infinity, uy2 = -Infinity
  for (const k of kids) {
    ux1 = Math.min(ux1, k.x - BOUNDS_SLACK); uy1 = Math.min(uy1, k.y - BOUNDS_SLACK)
    ux2 = Math.max(ux2, k.x + k.w + BOUNDS_SLACK); uy2 = Math.max(uy2, k.y + k.h + BOUNDS_SLACK)
  }
  return {
    ...size,
    minW: size.w, minH: size.h,
    biasL: round(Math.max(0, ux1 - cx1)), biasR: round(Math.max(0, cx2 - ux2)),
    biasT: round(Math.max(0, uy1 - cy1)), biasB: round(Math.max(0, cy2 - uy2)),
  }
}
