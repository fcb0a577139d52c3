import type { Core, EdgeSingular, NodeSingular } from 'cytoscape'
import { toSvg, type SvgBox, type SvgLine } from './toSvg.ts'

const num = (v: unknown, fallback: number) => {
  const n = parseFloat(String(v))
  return Number.isFinite(n) ? n : fallback
}

/** What the diagram currently draws (collapsed subnets included), read from Cytoscape, as SVG. */
export function svgFromCy(cy: Core): string {
  const depth = (n: NodeSingular) => n.ancestors().length
  const nodes: NodeSingular[] = []
  cy.nodes().forEach((n) => { if (n.visible()) nodes.push(n) })
  nodes.sort((a, b) => depth(a) - depth(b))
  const boxes: SvgBox[] = nodes.map((n) => {
    const bb = n.boundingBox({ includeLabels: false, includeOverlays: false, includeUnderlays: false } as never)
    const compound = n.isParent() || n.hasClass('container')
    return {
      id: n.id(), x: bb.x1, y: bb.y1, w: bb.w, h: bb.h,
      fill: String(n.style('background-color')), fillOpacity: num(n.style('background-opacity'), 1),
      stroke: String(n.style('border-color')), strokeWidth: num(n.style('border-width'), 1),
      label: String(n.data('label') ?? ''), textColour: String(n.style('color')), fontSize: num(n.style('font-size'), 10),
      bold: String(n.style('font-weight')) === 'bold', labelAt: compound ? 'top' : 'center', layer: compound ? 'back' : 'front',
    }
  })
  const lines: SvgLine[] = []
  cy.edges().forEach((e: EdgeSingular) => {
    if (!e.visible()) return
    const s = e.sourceEndpoint(), t = e.targetEndpoint()
    lines.push({ x1: s.x, y1: s.y, x2: t.x, y2: t.y, colour: String(e.style('line-color')), width: num(e.style('width'), 1) })
  })
  return toSvg(boxes, lines)
}
