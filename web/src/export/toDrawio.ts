/**
 * Graph + our layout → a draw.io (mxGraph) file: uncompressed `<mxfile><diagram><mxGraphModel>`,
 * the mandatory cells 0 and 1, one `<object>` per node that keeps the resource id (`vpclensId`) and
 * kind, wrapping an `mxCell` whose `parent` is its container's cell, so the VPC > AZ > subnet nesting
 * survives; child geometry is relative to the parent's box, as draw.io expects. Labels are plain text
 * (`html=0`): untrusted names are never interpreted as markup, in draw.io either. Pure.
 */
import type { Graph } from '../../../shared/index.ts'
import type { DiagramLayout } from '../diagram/layout.ts'
import { displayLabel } from '../diagram/toElements.ts'
import { EDGE_COLOURS, KIND_COLOURS, TIER_COLOURS } from '../diagram/stylesheet.ts'
import { escapeXml } from './escapeXml.ts'

const CONTAINER_STYLE: Record<string, string> = {
  region: 'fillColor=#ffffff;strokeColor=#cbd2d9;fontStyle=1;fontSize=16;',
  vpc: 'fillColor=#faf8ff;strokeColor=#7e5bd6;fontColor=#4b2c96;fontStyle=1;fontSize=15;strokeWidth=2;',
  'availability-zone': 'fillColor=#ffffff;strokeColor=#c3cad3;fontColor=#52606d;fontStyle=1;fontSize=12;',
}

function nodeStyle(kind: string, tier: string | undefined, container: boolean): string {
  const base = 'rounded=1;arcSize=6;whiteSpace=wrap;html=0;'
  if (kind === 'subnet') {
    const c = TIER_COLOURS[tier ?? 'unknown'] ?? TIER_COLOURS.unknown
    return `${base}container=1;collapsible=0;verticalAlign=top;fillColor=${c.fill};strokeColor=${c.border};fontColor=${c.text};fontSize=11;`
  }
  if (container) return `${base}container=1;collapsible=0;verticalAlign=top;${CONTAINER_STYLE[kind] ?? ''}`
  const c = KIND_COLOURS[kind]
  return `${base}fontSize=10;${c ? `fillColor=${c.fill};strokeColor=${c.border};fontColor=${c.text};` : 'fillColor=#f5f7fa;strokeColor=#7b8794;'}`
}

const n = (v: number) => String(Math.round(v * 100) / 100)

export function toDrawio(graph: Graph, layout: DiagramLayout, title = 'vpclens'): string {
  const cellId = new Map<string, string>()
  const unique: Graph['nodes'] = []
  graph.nodes.forEach((node, i) => {
    if (!layout.boxes.has(node.id) || cellId.has(node.id)) return
    cellId.set(node.id, `n${i + 1}`)
    unique.push(node)
  })
  const hasChild = new Set(layout.parents.values())
  const depth = (id: string) => { let d = 0; for (let p = layout.parents.get(id); p !== undefined && d < 16; p = layout.parents.get(p)) d++; return d }
  // Containers before their children: draw.io needs a parent cell to exist before it is referenced.
  const nodes = unique.map((node) => ({ node, depth: depth(node.id) }))
    .sort((a, b) => a.depth - b.depth)
  const lines: string[] = []
  for (const { node } of nodes) {
    const box = layout.boxes.get(node.id)!
    const parentId = layout.parents.get(node.id)
    const parentBox = parentId !== undefined ? layout.boxes.get(parentId) : undefined
    const x = parentBox ? box.x - parentBox.x : box.x, y = parentBox ? box.y - parentBox.y : box.y
    const container = hasChild.has(node.id) || ['vpc', 'subnet', 'availability-zone', 'region'].includes(node.kind)
    const label = displayLabel(node, box.w)
    const attrs = [
      `id="${cellId.get(node.id)}"`, `label="${escapeXml(label)}"`, `vpclensId="${escapeXml(node.id)}"`, `vpclensKind="${escapeXml(node.kind)}"`,
      ...(node.resourceId !== undefined ? [`resourceId="${escapeXml(node.resourceId)}"`] : []),
    ]
    lines.push(
      `<object ${attrs.join(' ')}>`
      + `<mxCell style="${escapeXml(nodeStyle(node.kind, node.details.tier, container))}" vertex="1" parent="${parentId !== undefined && cellId.has(parentId) ? cellId.get(parentId) : '1'}">`
      + `<mxGeometry x="${n(x)}" y="${n(y)}" width="${n(box.w)}" height="${n(box.h)}" as="geometry"/></mxCell></object>`,
    )
  }
  graph.edges.forEach((e, i) => {
    const s = cellId.get(e.source), t = cellId.get(e.target)
    if (s === undefined || t === undefined) return
    const colour = EDGE_COLOURS[e.kind] ?? '#9aa5b1'
    const style = `endArrow=${e.kind === 'lb-target' ? 'block' : 'none'};html=0;strokeColor=${colour};strokeWidth=${e.kind === 'peering' ? 4 : 1};`
    lines.push(
      `<object id="e${i + 1}" label="${escapeXml(e.label ?? '')}" vpclensId="${escapeXml(e.id)}" vpclensKind="${escapeXml(e.kind)}">`
      + `<mxCell style="${style}" edge="1" parent="1" source="${s}" target="${t}"><mxGeometry relative="1" as="geometry"/></mxCell></object>`,
    )
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<mxfile host="vpclens" type="device"><diagram id="vpclens" name="${escapeXml(title)}">`,
    '<mxGraphModel dx="0" dy="0" grid="0" gridSize="10" guides="1" tooltips="1" connect="0" arrows="1" fold="1" page="0" pageScale="1" math="0" shadow="0">',
    '<root><mxCell id="0"/><mxCell id="1" parent="0"/>',
    ...lines,
    '</root></mxGraphModel></diagram></mxfile>',
    '',
  ].join('\n')
}
