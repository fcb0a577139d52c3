/**
 * Level of detail for large environments (rendering-research.md §0.3, §7): at overview zoom each
 * subnet is one node with the counts of what it holds ("42 ENIs · 40 EC2"), and the edges that
 * reach into it are bundled into one per (kind, source, target) with a count. A subnet expands —
 * its resources drawn where the layout puts them, the subnet back to a compound of the same box —
 * when clicked or when the view zooms in on it. Pure: positions never move between the two forms.
 */
import type { ElementDefinition } from 'cytoscape'
import type { Graph } from '../../../shared/index.ts'
import type { Box, DiagramLayout } from './layout.ts'
import { LARGE_DIAGRAM_NODES } from './metrics.ts'
import { toElements } from './toElements.ts'
import { typeTag } from './typeTag.ts'

/** Diagrams with more nodes than this start collapsed. */
export const LOD_NODE_THRESHOLD = LARGE_DIAGRAM_NODES

export interface LodIndex {
  /** The subnet each resource sits in (diagram parent). */
  subnetOf: Map<string, string>
  /** Resources per subnet, in the graph's order. */
  members: Map<string, string[]>
  /** "42 ENIs · 40 EC2" per subnet (subnets without resources are absent). */
  summary: Map<string, string>
  /** The VPC each subnet belongs to (for expanding a whole VPC). */
  vpcOf: Map<string, string>
}

const TAG_ORDER = ['ENI', 'EC2', 'NAT']
const plural = (n: number, tag: string) => `${n.toLocaleString('en-US')} ${tag}${n === 1 || tag === 'EC2' ? '' : 's'}`

export function buildLodIndex(graph: Graph, layout: DiagramLayout): LodIndex {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const subnetOf = new Map<string, string>()
  const members = new Map<string, string[]>()
  const tags = new Map<string, Map<string, number>>()
  for (const [child, parent] of layout.parents) {
    if (byId.get(parent)?.kind !== 'subnet') continue
    subnetOf.set(child, parent)
  }
  for (const n of graph.nodes) {
    const s = subnetOf.get(n.id)
    if (s === undefined) continue
    const list = members.get(s)
    if (list) list.push(n.id)
    else members.set(s, [n.id])
    const t = tags.get(s) ?? new Map<string, number>()
    const tag = typeTag(n)
    t.set(tag, (t.get(tag) ?? 0) + 1)
    tags.set(s, t)
  }
  const summary = new Map<string, string>()
  for (const [s, t] of tags) {
    const order = (x: string) => (TAG_ORDER.includes(x) ? TAG_ORDER.indexOf(x) : TAG_ORDER.length)
    const parts = [...t].sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0)).map(([tag, n]) => plural(n, tag))
    summary.set(s, parts.join(' · '))
  }
  const vpcOf = new Map<string, string>()
  for (const n of graph.nodes) {
    if (n.kind !== 'subnet') continue
    let p = layout.parents.get(n.id)
    while (p !== undefined && byId.get(p)?.kind !== 'vpc') p = layout.parents.get(p)
    if (p !== undefined) vpcOf.set(n.id, p)
  }
  return { subnetOf, members, summary, vpcOf }
}

/** The diagram's elements with every subnet not in `expanded` collapsed, and edges bundled. */
export function lodElements(graph: Graph, layout: DiagramLayout, index: LodIndex, expanded: ReadonlySet<string>): ElementDefinition[] {
  const hidden = (id: string) => {
    const s = index.subnetOf.get(id)
    return s !== undefined && !expanded.has(s)
  }
  const elements = toElements(graph, layout, (id) => !hidden(id))
  const nodes: ElementDefinition[] = []
  const edges: ElementDefinition[] = []
  for (const el of elements) {
    if (el.group === 'edges') { edges.push(el); continue }
    const id = String(el.data.id)
    const summary = index.summary.get(id)
    if (summary === undefined || expanded.has(id)) { nodes.push(el); continue }
    nodes.push(collapsedSubnet(el, layout.boxes.get(id)!, summary, index.members.get(id)?.length ?? 0))
  }
  // Edges with an end inside a collapsed subnet go to the subnet instead, one bundle per kind and ends.
  const bundles = new Map<string, ElementDefinition>()
  for (const e of graph.edges) {
    if (!hidden(e.source) && !hidden(e.target)) continue
    const source = hidden(e.source) ? index.subnetOf.get(e.source)! : e.source
    const target = hidden(e.target) ? index.subnetOf.get(e.target)! : e.target
    if (source === target || !layout.boxes.has(source) || !layout.boxes.has(target)) continue
    const id = `bundle:${e.kind}|${source}|${target}`
    const b = bundles.get(id)
    if (b) {
      b.data.count = Number(b.data.count) + 1
      b.data.edgeLabel = `${b.data.count} × ${e.kind}`
    } else {
      bundles.set(id, { group: 'edges', data: { id, kind: e.kind, source, target, count: 1, edgeLabel: `1 × ${e.kind}` }, classes: [e.kind, 'bundle'] })
    }
  }
  return [...nodes, ...edges, ...bundles.values()]
}

/** A subnet drawn as one plain node of its layout box, labelled with what it holds. */
function collapsedSubnet(el: ElementDefinition, box: Box, summary: string, count: number): ElementDefinition {
  const classes = Array.isArray(el.classes) ? el.classes : String(el.classes ?? '').split(' ')
  return {
    group: 'nodes',
    data: {
      ...el.data, label: `${String(el.data.label)}\n${summary}`, count,
      // Big enough to read at overview zoom, never wider than the box.
      fontSize: Math.round(Math.max(11, Math.min(box.w / 20, box.h / 6, 120))),
      minW: 0, minH: 0, biasL: 0, biasR: 0, biasT: 0, biasB: 0,
    },
    classes: [...classes, 'collapsed'],
    position: { x: box.x + box.w / 2, y: box.y + box.h / 2 },
  }
}

/**
 * The subnets to expand for a viewport: none below `minZoom`; else those whose box meets the visible
 * extent, nearest the centre first, until `budget` resources are drawn.
 */
export function subnetsInView(
  index: LodIndex, boxes: ReadonlyMap<string, Box>,
  view: { x1: number; y1: number; x2: number; y2: number }, zoom: number, minZoom: number, budget: number,
): string[] {
  const sizes = new Map<string, number>()
  for (const [id, list] of index.members) sizes.set(id, list.length)
  return boxesInView(sizes, boxes, view, zoom, minZoom, budget)
}

/**
 * The collapsed boxes to expand for a viewport: none below `minZoom`; else those of `sizes` whose box
 * meets the visible extent, nearest the centre first, until `budget` elements are drawn.
 */
export function boxesInView(
  sizes: ReadonlyMap<string, number>, boxes: ReadonlyMap<string, Box>,
  view: { x1: number; y1: number; x2: number; y2: number }, zoom: number, minZoom: number, budget: number,
): string[] {
  if (zoom < minZoom) return []
  const cx = (view.x1 + view.x2) / 2, cy = (view.y1 + view.y2) / 2
  const candidates: { id: string; d: number; n: number }[] = []
  for (const [id, n] of sizes) {
    const b = boxes.get(id)
    if (!b || b.x > view.x2 || b.x + b.w < view.x1 || b.y > view.y2 || b.y + b.h < view.y1) continue
    candidates.push({ id, d: Math.hypot(b.x + b.w / 2 - cx, b.y + b.h / 2 - cy), n })
  }
  candidates.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
  const out: string[] = []
  let used = 0
  for (const c of candidates) {
    if (used + c.n > budget && out.length > 0) break
    out.push(c.id)
    used += c.n
  }
  return out
}
