/**
 * Drawn boxes and lines → a standalone SVG document. Pure: the caller reads positions, sizes and
 * colours from the diagram (svgFromCy.ts). Rectangles with rounded corners, straight edges, labels as
 * escaped text (never markup), multi-line labels as <tspan>s.
 */
import { escapeXml } from './escapeXml.ts'

export interface SvgBox {
  /** Top-left corner and size, model pixels. */
  x: number; y: number; w: number; h: number
  fill: string; stroke: string; strokeWidth: number; fillOpacity?: number
  label: string; textColour: string; fontSize: number; bold?: boolean
  /** Containers put their label inside the top edge, resources in the middle. */
  labelAt: 'top' | 'center'
  /** Drawn below the edges (containers) or above them (resources). */
  layer: 'back' | 'front'
  id: string
}
export interface SvgLine { x1: number; y1: number; x2: number; y2: number; colour: string; width: number }

const r = (v: number) => String(Math.round(v * 100) / 100)

function text(b: SvgBox): string {
  if (b.label === '') return ''
  const lines = b.label.split('\n')
  const lh = b.fontSize * 1.3
  const cx = b.x + b.w / 2
  const y0 = b.labelAt === 'top' ? b.y + b.fontSize + 6 : b.y + b.h / 2 - ((lines.length - 1) * lh) / 2 + b.fontSize * 0.35
  const spans = lines.map((l, i) => `<tspan x="${r(cx)}" y="${r(y0 + i * lh)}">${escapeXml(l)}</tspan>`).join('')
  return `<text text-anchor="middle" font-size="${r(b.fontSize)}"${b.bold ? ' font-weight="bold"' : ''} fill="${escapeXml(b.textColour)}">${spans}</text>`
}

function rect(b: SvgBox): string {
  return `<g data-id="${escapeXml(b.id)}"><rect x="${r(b.x)}" y="${r(b.y)}" width="${r(b.w)}" height="${r(b.h)}" rx="4" fill="${escapeXml(b.fill)}"`
    + `${b.fillOpacity !== undefined && b.fillOpacity < 1 ? ` fill-opacity="${r(b.fillOpacity)}"` : ''} stroke="${escapeXml(b.stroke)}" stroke-width="${r(b.strokeWidth)}"/>${text(b)}</g>`
}

export function toSvg(boxes: readonly SvgBox[], lines: readonly SvgLine[], background = '#f4f6f9', margin = 20): string {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity
  for (const b of boxes) { x1 = Math.min(x1, b.x); y1 = Math.min(y1, b.y); x2 = Math.max(x2, b.x + b.w); y2 = Math.max(y2, b.y + b.h) }
  if (boxes.length === 0) { x1 = 0; y1 = 0; x2 = 0; y2 = 0 }
  const vx = x1 - margin, vy = y1 - margin, vw = x2 - x1 + 2 * margin, vh = y2 - y1 + 2 * margin
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${r(vx)} ${r(vy)} ${r(vw)} ${r(vh)}" width="${r(vw)}" height="${r(vh)}" font-family="Inter, 'Segoe UI', system-ui, sans-serif">`,
    `<rect x="${r(vx)}" y="${r(vy)}" width="${r(vw)}" height="${r(vh)}" fill="${escapeXml(background)}"/>`,
    ...boxes.filter((b) => b.layer === 'back').map(rect),
    ...lines.map((l) => `<line x1="${r(l.x1)}" y1="${r(l.y1)}" x2="${r(l.x2)}" y2="${r(l.y2)}" stroke="${escapeXml(l.colour)}" stroke-width="${r(l.width)}"/>`),
    ...boxes.filter((b) => b.layer === 'front').map(rect),
    '</svg>',
    '',
  ].join('\n')
}
