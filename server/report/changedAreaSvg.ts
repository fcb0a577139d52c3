import type { ChangeType, Diff, Resource, Snapshot } from '../../shared/index.ts'
import { escapeXml } from './escapeXml.ts'

/** How a resource of the changed area is drawn. */
type Mark = ChangeType | 'exposure' | 'context'

interface Item { id: string; label: string; kind: string; mark: Mark }
interface SubnetBox { id: string; label: string; mark: Mark; items: Item[] }
interface VpcBox { id: string; label: string; mark: Mark; vpcLevel: Item[]; subnets: SubnetBox[] }

const STYLE: Record<Mark, { stroke: string; fill: string; dash?: string; sign: string }> = {
  added: { stroke: '#1a7f37', fill: '#dafbe1', sign: '+' },
  removed: { stroke: '#cf222e', fill: '#ffebe9', dash: '6 4', sign: '−' },
  modified: { stroke: '#9a6700', fill: '#fff8c5', sign: '~' },
  exposure: { stroke: '#cf222e', fill: '#ffffff', sign: '!' },
  context: { stroke: '#8c959f', fill: '#f6f8fa', sign: '' },
}
/** More than this many items in one box are summed up as "+N more": the report stays readable. */
const MAX_ITEMS = 24
const ITEM_W = 300
const ITEM_H = 26
const GAP = 8
const PAD = 12
const HEAD = 26

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/**
 * The changed area of two versions as one self-contained SVG: every VPC holding a change, with its
 * changed subnets and the changed (or newly exposed) resources inside them, VPC-level resources
 * (groups, route tables, ACLs, gateways) in a row on top. Added green, removed red dashed, modified
 * amber, exposure changes with a red border. All names escaped; nothing but shapes and text.
 */
export function changedAreaSvg(diff: Diff, from: Snapshot, to: Snapshot): string {
  const byId = new Map<string, Resource>()
  for (const r of from.resources) byId.set(r.id, r)
  for (const r of to.resources) byId.set(r.id, r)
  const marks = new Map<string, Mark>()
  for (const r of diff.resources) marks.set(r.id, r.change)
  for (const r of diff.relationships) if (!marks.has(r.resourceId)) marks.set(r.resourceId, 'modified')
  for (const e of diff.exposure) if (!marks.has(e.resourceId)) marks.set(e.resourceId, 'exposure')

  const vpcs = new Map<string, VpcBox>()
  const outside: Item[] = []
  const vpcBox = (id: string) => {
    let box = vpcs.get(id)
    if (!box) {
      const r = byId.get(id)
      vpcs.set(id, (box = { id, label: labelOf(r, id), mark: marks.get(id) ?? 'context', vpcLevel: [], subnets: [] }))
    }
    return box
  }
  for (const [id, mark] of [...marks].sort(([a], [b]) => a.localeCompare(b))) {
    const r = byId.get(id)
    if (!r) continue
    if (r.kind === 'vpc') { vpcBox(id).mark = mark; continue }
    const item: Item = { id, label: labelOf(r, id), kind: r.kind, mark }
    if (!r.vpcId) { outside.push(item); continue }
    const vpc = vpcBox(r.vpcId)
    const subnetId = r.kind === 'subnet' ? id : typeof r.attributes.subnetId === 'string' ? r.attributes.subnetId : undefined
    if (!subnetId) { vpc.vpcLevel.push(item); continue }
    let subnet = vpc.subnets.find((s) => s.id === subnetId)
    if (!subnet) vpc.subnets.push((subnet = { id: subnetId, label: labelOf(byId.get(subnetId), subnetId), mark: marks.get(subnetId) ?? 'context', items: [] }))
    if (r.kind !== 'subnet') subnet.items.push(item)
    else subnet.mark = mark
  }

  const parts: string[] = []
  let y = PAD
  let width = 2 * PAD + ITEM_W
  const drawItems = (items: Item[], x: number, top: number, columns: number): number => {
    const shown = items.slice(0, MAX_ITEMS)
    shown.forEach((it, i) => {
      const cx = x + (i % columns) * (ITEM_W + GAP)
      const cy = top + Math.floor(i / columns) * (ITEM_H + GAP)
      parts.push(rect(cx, cy, ITEM_W, ITEM_H, it.mark, 4),
        text(cx + 8, cy + 17, `${STYLE[it.mark].sign ? `${STYLE[it.mark].sign} ` : ''}${it.kind} ${clip(it.label, 34)}`, 12))
    })
    let rows = Math.ceil(shown.length / columns)
    if (items.length > MAX_ITEMS) {
      parts.push(text(x, top + rows * (ITEM_H + GAP) + 14, `+${items.length - MAX_ITEMS} more (see the tables)`, 12))
      rows++
    }
    return rows * (ITEM_H + GAP)
  }
  for (const vpc of [...vpcs.values()]) {
    const columns = 3
    const innerW = columns * ITEM_W + (columns - 1) * GAP
    const boxW = innerW + 2 * PAD + 2 * PAD
    const start = y
    parts.push('') // placeholder for the VPC rectangle, drawn under its contents
    const slot = parts.length - 1
    let cy = y + HEAD + PAD
    if (vpc.vpcLevel.length) cy += drawItems(vpc.vpcLevel, 2 * PAD, cy, columns) + PAD
    for (const subnet of vpc.subnets) {
      const sTop = cy
      parts.push('')
      const sSlot = parts.length - 1
      const h = drawItems(subnet.items, 3 * PAD, sTop + HEAD, columns) || ITEM_H
      const sH = HEAD + h + PAD
      parts[sSlot] = rect(2 * PAD - 4, sTop, innerW + 2 * PAD, sH, subnet.mark, 6) +
        text(2 * PAD + 4, sTop + 18, `subnet ${clip(subnet.label, 60)}${subnet.mark === 'context' ? '' : ` (${subnet.mark})`}`, 13, true)
      cy += sH + GAP
    }
    const h = cy - start + PAD
    parts[slot] = rect(PAD, start, boxW, h, vpc.mark, 8) + text(PAD + 10, start + 19, `VPC ${clip(vpc.label, 70)}`, 14, true)
    width = Math.max(width, PAD + boxW + PAD)
    y = start + h + PAD
  }
  if (outside.length) {
    parts.push(text(PAD, y + 16, 'Outside any VPC', 13, true))
    y += 24 + drawItems(outside, PAD, y + 24, 3) + PAD
    width = Math.max(width, 2 * PAD + 3 * ITEM_W + 2 * GAP)
  }
  if (marks.size === 0) { parts.push(text(PAD, y + 16, 'No changes.', 13)); y += 30 }
  const height = y + PAD
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="sans-serif" role="img" aria-label="The changed area">` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${parts.join('')}</svg>`
}

function labelOf(r: Resource | undefined, id: string): string {
  return r?.name ? `${r.name} (${id})` : id
}

function rect(x: number, y: number, w: number, h: number, mark: Mark, radius: number): string {
  const s = STYLE[mark]
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${radius}" fill="${s.fill}" stroke="${s.stroke}" ` +
    `stroke-width="${mark === 'context' ? 1 : 2}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`
}

function text(x: number, y: number, value: string, size: number, bold = false): string {
  return `<text x="${x}" y="${y}" font-size="${size}"${bold ? ' font-weight="bold"' : ''} fill="#1f2328">${escapeXml(value)}</text>`
}
