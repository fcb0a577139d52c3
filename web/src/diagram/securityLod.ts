/**
 * Level of detail for the Security view of a large account, as lod.ts does for the Infrastructure
 * view: above SECURITY_LOD_GROUPS security groups each VPC opens collapsed, one box where its groups
 * would be, labelled with what it holds ("1,250 security groups · 40 open to the internet"); ingress
 * edges that reach into a collapsed VPC are bundled into one per (source, target) with a count. A VPC
 * expands — its groups drawn where the layout puts them — when clicked or when the view zooms in on it.
 * Pure: nothing moves between the two forms.
 */
import type { ElementDefinition } from 'cytoscape'
import type { SecurityGraph } from '../../../shared/index.ts'
import type { Box } from './layout.ts'
import { SECURITY_METRICS as M, type SecurityLayout } from './securityLayout.ts'
import { toSecurityElements } from './toSecurityElements.ts'
import { boxesInView } from './lod.ts'

/** Security views with more groups than this open with every VPC collapsed. */
export const SECURITY_LOD_GROUPS = 400

export interface SecurityLodIndex {
  /** The VPC each node inside a VPC box belongs to (groups and member interfaces). */
  vpcOf: Map<string, string>
  /** The box each VPC's contents take (what Cytoscape would draw as the compound), in model pixels. */
  boxes: Map<string, Box>
  /** Number of groups per VPC (the expansion budget counts them). */
  groups: Map<string, number>
  /** "1,250 security groups · 40 open to the internet" per VPC. */
  summary: Map<string, string>
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

export function buildSecurityLodIndex(graph: SecurityGraph, layout: SecurityLayout): SecurityLodIndex {
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]))
  const vpcOf = new Map<string, string>()
  const extent = new Map<string, { x1: number; y1: number; x2: number; y2: number }>()
  const groups = new Map<string, number>()
  for (const n of graph.nodes) {
    if (n.kind === 'vpc' || n.parent === undefined || kindOf.get(n.parent) !== 'vpc') continue
    vpcOf.set(n.id, n.parent)
    if (n.kind === 'security-group') groups.set(n.parent, (groups.get(n.parent) ?? 0) + 1)
    const p = layout.positions.get(n.id)
    if (!p) continue
    const size = n.kind === 'security-group' ? M.group : n.kind === 'network-interface' ? M.member : M.source
    const e = extent.get(n.parent) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }
    e.x1 = Math.min(e.x1, p.x - size.w / 2); e.y1 = Math.min(e.y1, p.y - size.h / 2)
    e.x2 = Math.max(e.x2, p.x + size.w / 2); e.y2 = Math.max(e.y2, p.y + size.h / 2)
    extent.set(n.parent, e)
  }
  const boxes = new Map<string, Box>()
  for (const [vpc, e] of extent) boxes.set(vpc, { x: e.x1 - M.vpcPad, y: e.y1 - M.vpcPad, w: e.x2 - e.x1 + 2 * M.vpcPad, h: e.y2 - e.y1 + 2 * M.vpcPad })
  const open = new Map<string, Set<string>>()
  for (const e of graph.edges) {
    if (e.kind !== 'ingress' || e.source !== 'internet') continue
    const v = vpcOf.get(e.target)
    if (v !== undefined) open.set(v, (open.get(v) ?? new Set()).add(e.target))
  }
  const summary = new Map<string, string>()
  for (const [vpc, n] of groups) {
    const internet = open.get(vpc)?.size ?? 0
    summary.set(vpc, `${count(n, 'security group')}${internet > 0 ? ` · ${count(internet, 'open to the internet', 'open to the internet')}` : ''}`)
  }
  return { vpcOf, boxes, groups, summary }
}

/** The Security view's elements with every VPC not in `expanded` collapsed, and edges into them bundled. */
export function securityLodElements(graph: SecurityGraph, layout: SecurityLayout, index: SecurityLodIndex, expanded: ReadonlySet<string>): ElementDefinition[] {
  const hiddenIn = (id: string) => {
    const v = index.vpcOf.get(id)
    return v !== undefined && !expanded.has(v) ? v : undefined
  }
  const shown: SecurityGraph = {
    ...graph,
    nodes: graph.nodes.filter((n) => hiddenIn(n.id) === undefined),
    edges: graph.edges.filter((e) => hiddenIn(e.source) === undefined && hiddenIn(e.target) === undefined),
  }
  const elements = toSecurityElements(shown, layout).map((el) => {
    const id = String(el.data.id)
    const box = index.boxes.get(id)
    if (el.group !== 'nodes' || !box || expanded.has(id)) return el
    return collapsedVpc(el, box, index.summary.get(id) ?? '', index.groups.get(id) ?? 0)
  })
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]))
  const bundles = new Map<string, ElementDefinition>()
  for (const e of graph.edges) {
    if (e.kind !== 'ingress' || !kindOf.has(e.source) || !kindOf.has(e.target)) continue
    const hs = hiddenIn(e.source), ht = hiddenIn(e.target)
    if (hs === undefined && ht === undefined) continue
    const source = hs ?? e.source, target = ht ?? e.target
    // Rules between groups of one collapsed VPC stay inside its box (its summary counts the groups).
    if (source === target) continue
    const id = `bundle:${source}|${target}`
    const b = bundles.get(id)
    if (b) {
      b.data.count = Number(b.data.count) + 1
      b.data.edgeLabel = `${Number(b.data.count).toLocaleString('en-US')} rules`
    } else {
      const from = kindOf.get(e.source) ?? 'security-group'
      bundles.set(id, { group: 'edges', data: { id, kind: 'ingress', source, target, count: 1, edgeLabel: '1 rule' }, classes: ['sg-ingress', `from-${hs === undefined ? from : 'security-group'}`, 'bundle'] })
    }
  }
  return [...elements, ...bundles.values()]
}

/** A VPC drawn as one plain node of its groups' box, labelled with what it holds. */
function collapsedVpc(el: ElementDefinition, box: Box, summary: string, groups: number): ElementDefinition {
  const classes = Array.isArray(el.classes) ? el.classes : String(el.classes ?? '').split(' ')
  return {
    group: 'nodes',
    data: {
      ...el.data, label: `${String(el.data.label)}\n${summary}`, count: groups, w: box.w, h: box.h,
      // Big enough to read at overview zoom, never wider than the box.
      fontSize: Math.round(Math.max(14, Math.min(box.w / 18, box.h / 5, 160))),
    },
    classes: [...classes, 'collapsed'],
    position: { x: box.x + box.w / 2, y: box.y + box.h / 2 },
  }
}

/** The VPCs to expand for a viewport (lod.ts's rule: those in view, nearest the centre first, within `budget` groups). */
export function securityVpcsInView(
  index: SecurityLodIndex, view: { x1: number; y1: number; x2: number; y2: number }, zoom: number, minZoom: number, budget: number,
): string[] {
  return boxesInView(index.groups, index.boxes, view, zoom, minZoom, budget)
}
