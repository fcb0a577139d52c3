/**
 * The deterministic "preset" layout of the Infrastructure view (rendering-research.md §0.1): the
 * hierarchy region > VPC > availability zone > subnet > resource *is* the layout. Containers are
 * sized bottom-up, then every node gets an absolute box. Cytoscape only needs the positions of the
 * nodes that have no children in the diagram; it derives compound boxes from them (toElements tells
 * it the exact size each compound must have).
 *
 * Pure and stable: the same graph gives the same positions whatever the input order; sorting uses
 * plain code-unit comparison (never locale); widths only depend on the content of a column, so adding
 * a small subnet to one AZ moves nothing in the other AZ columns or the other VPCs.
 */
import type { Graph, GraphNode } from '../../../shared/index.ts'
import { CONTAINER_KINDS, EDGE_GATEWAY_KINDS, LARGE_DIAGRAM_NODES, METRICS } from './metrics.ts'

export interface Point { x: number; y: number }
/** Top-left corner and size, in model pixels. */
export interface Box { x: number; y: number; w: number; h: number }

export interface DiagramLayout {
  /** The outer box of every placed node. */
  boxes: Map<string, Box>
  /** Centres of the nodes that have no child in the diagram (the only positions Cytoscape takes). */
  positions: Map<string, Point>
  /** Each node's parent in the diagram. Gateways leave their VPC to sit on its edge; unknown parents are dropped. */
  parents: Map<string, string>
  /** Height of each VPC's header band (where its name is drawn), in model pixels. */
  headers: Map<string, number>
}

/** A measured subtree: its size and where its parts go, relative to its own top-left corner. */
interface Frame { id: string | null; w: number; h: number; items: { frame: Frame; dx: number; dy: number }[] }

const { leaf, gateway, subnet: SUB, az: AZ, vpc: VPC, region: REGION, root: ROOT } = METRICS
const CELL_W = leaf.w + leaf.gapX
const CELL_H = leaf.h + leaf.gapY

const RESOURCE_RANK: Record<string, number> = { 'nat-gateway': 0, instance: 1, 'network-interface': 2 }
const BAND_RANK: Record<string, number> = { 'load-balancer': 0, 'vpc-endpoint': 1 }
const TIER_RANK: Record<string, number> = { public: 0, private: 1, isolated: 2 }

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byOrder = (a: GraphNode, b: GraphNode) => cmpStr(a.order, b.order) || cmpStr(a.id, b.id)
const byRank = (rank: Record<string, number>, fallback: number) => (a: GraphNode, b: GraphNode) =>
  (rank[a.kind] ?? fallback) - (rank[b.kind] ?? fallback) || cmpStr(a.kind, b.kind) || byOrder(a, b)
const bySubnet = (a: GraphNode, b: GraphNode) =>
  (TIER_RANK[a.details.tier ?? ''] ?? 3) - (TIER_RANK[b.details.tier ?? ''] ?? 3) || byOrder(a, b)

const leafFrame = (id: string): Frame => ({ id, w: leaf.w, h: leaf.h, items: [] })

/** Columns a subnet's resource grid needs: at least minCols, roughly twice as wide as tall beyond that. */
export function gridColumns(count: number): number {
  return Math.max(SUB.minCols, Math.ceil(Math.sqrt(count / 2)))
}

/** `n` leaves in a grid of `cols` columns, starting at (dx, dy). Returns the grid's height. */
function pushGrid(items: Frame['items'], ids: string[], cols: number, dx: number, dy: number): number {
  ids.forEach((id, i) => items.push({ frame: leafFrame(id), dx: dx + (i % cols) * CELL_W, dy: dy + Math.floor(i / cols) * CELL_H }))
  const rows = Math.ceil(ids.length / cols)
  return rows === 0 ? 0 : rows * CELL_H - leaf.gapY
}

const gridWidth = (cols: number) => cols * CELL_W - leaf.gapX

/**
 * The width : height the top-level grid aims for: a desktop browser's diagram area (1400×900 to
 * 1920×1080 screens, less the header). Fixed rather than read from the window, so that one graph
 * always gets the same positions (links, exports, the diff view's union of two versions).
 */
export const OVERVIEW_ASPECT = 1.6

export interface GridArrangement {
  /** Top-left corner of each box, in input order, relative to the grid's own corner. */
  cells: Point[]
  cols: number
  w: number
  h: number
}

/**
 * Boxes in reading order in a grid of `cols` columns (each column as wide as its widest box, each
 * row as tall as its tallest), with the number of columns that lets the whole grid be shown largest
 * in a viewport of `aspect` (width : height): not one long row of VPCs, not one tall column.
 * Ties go to fewer columns.
 */
export function gridArrangement(sizes: readonly { w: number; h: number }[], aspect: number, gapX: number, gapY: number): GridArrangement {
  if (sizes.length === 0) return { cells: [], cols: 0, w: 0, h: 0 }
  const measure = (cols: number) => {
    const colW: number[] = new Array(cols).fill(0)
    const rowH: number[] = new Array(Math.ceil(sizes.length / cols)).fill(0)
    sizes.forEach((b, i) => {
      colW[i % cols] = Math.max(colW[i % cols], b.w)
      rowH[Math.floor(i / cols)] = Math.max(rowH[Math.floor(i / cols)], b.h)
    })
    const w = colW.reduce((a, b) => a + b, 0) + (cols - 1) * gapX
    const h = rowH.reduce((a, b) => a + b, 0) + (rowH.length - 1) * gapY
    return { colW, rowH, w, h }
  }
  let best = 1
  let bestScale = -1
  for (let cols = 1; cols <= sizes.length; cols++) {
    const { w, h } = measure(cols)
    // The zoom at which the grid fits a viewport of this shape: larger is better.
    const scale = Math.min(aspect / w, 1 / h)
    if (scale > bestScale * (1 + 1e-9)) { best = cols; bestScale = scale }
  }
  const { colW, rowH, w, h } = measure(best)
  const xs = colW.map((_, c) => colW.slice(0, c).reduce((a, b) => a + b + gapX, 0))
  const ys = rowH.map((_, r) => rowH.slice(0, r).reduce((a, b) => a + b + gapY, 0))
  return { cells: sizes.map((_, i) => ({ x: xs[i % best], y: ys[Math.floor(i / best)] })), cols: best, w, h }
}

export function layoutGraph(graph: Graph, aspect: number = OVERVIEW_ASPECT): DiagramLayout {
  const byId = new Map<string, GraphNode>()
  for (const n of graph.nodes) byId.set(n.id, n)
  const children = new Map<string, GraphNode[]>()
  const roots: GraphNode[] = []
  for (const n of byId.values()) {
    if (n.parent !== undefined && n.parent !== n.id && byId.has(n.parent)) {
      const list = children.get(n.parent)
      if (list) list.push(n)
      else children.set(n.parent, [n])
    } else roots.push(n)
  }
  const kids = (id: string) => children.get(id) ?? []
  const large = byId.size > LARGE_DIAGRAM_NODES
  const headers = new Map<string, number>()

  const subnetCols = (s: GraphNode) => gridColumns(kids(s.id).length)

  function subnetFrame(s: GraphNode, cols: number): Frame {
    const items: Frame['items'] = []
    const ids = [...kids(s.id)].sort(byRank(RESOURCE_RANK, 3)).map((n) => n.id)
    const gridH = pushGrid(items, ids, cols, SUB.pad, SUB.pad + SUB.header)
    return { id: s.id, w: 2 * SUB.pad + gridWidth(cols), h: 2 * SUB.pad + SUB.header + gridH, items }
  }

  /** One AZ column: its subnets stacked by tier then CIDR, then any stray resources. */
  function columnFrame(id: string | null, subnets: GraphNode[], loose: GraphNode[]): Frame {
    const sorted = [...subnets].sort(bySubnet)
    const cols = Math.max(SUB.minCols, ...sorted.map(subnetCols), gridColumns(loose.length))
    const pad = id === null ? 0 : AZ.pad
    const header = id === null ? 0 : AZ.header
    const items: Frame['items'] = []
    let y = pad + header
    for (const s of sorted) {
      const f = subnetFrame(s, cols)
      items.push({ frame: f, dx: pad, dy: y })
      y += f.h + AZ.gap
    }
    const looseIds = [...loose].sort(byRank(RESOURCE_RANK, 3)).map((n) => n.id)
    const gridH = pushGrid(items, looseIds, cols, pad + SUB.pad, y)
    if (gridH > 0) y += gridH + AZ.gap
    const innerH = Math.max(0, y - AZ.gap - pad - header)
    return { id, w: 2 * pad + 2 * SUB.pad + gridWidth(cols), h: 2 * pad + header + innerH, items }
  }

  function vpcFrame(v: GraphNode): Frame {
    const all = kids(v.id)
    const azs = all.filter((n) => n.kind === 'availability-zone').sort(byOrder)
    const directSubnets = all.filter((n) => n.kind === 'subnet')
    const gateways = all.filter((n) => EDGE_GATEWAY_KINDS.has(n.kind)).sort(byRank({}, 0))
    const band = all.filter((n) => !CONTAINER_KINDS.has(n.kind) && !EDGE_GATEWAY_KINDS.has(n.kind)).sort(byRank(BAND_RANK, 2))

    const columns = azs.map((a) => {
      const inAz = kids(a.id)
      return columnFrame(a.id, inAz.filter((n) => n.kind === 'subnet'), inAz.filter((n) => !CONTAINER_KINDS.has(n.kind)))
    })
    if (directSubnets.length > 0) columns.push(columnFrame(null, directSubnets, []))

    const columnsW = columns.reduce((w, c) => w + c.w, 0) + Math.max(0, columns.length - 1) * VPC.columnGap
    const gatewaysW = gateways.length * (gateway.w + gateway.gap)
    const contentW = Math.max(columnsW, VPC.minWidth - 2 * VPC.pad, gatewaysW + 220)
    const items: Frame['items'] = []
    const header = large ? Math.max(VPC.header, Math.round((2 * VPC.pad + contentW) * VPC.overviewHeader)) : VPC.header
    headers.set(v.id, header)
    let y = VPC.pad + header
    const bandH = pushGrid(items, band.map((n) => n.id), Math.max(1, Math.floor((contentW + leaf.gapX) / CELL_W)), VPC.pad, y)
    if (bandH > 0) y += bandH + VPC.bandGap
    let x = VPC.pad
    let columnsH = 0
    for (const c of columns) {
      items.push({ frame: c, dx: x, dy: y })
      x += c.w + VPC.columnGap
      columnsH = Math.max(columnsH, c.h)
    }
    const w = 2 * VPC.pad + contentW
    const h = Math.max(y + columnsH, VPC.pad + header) + VPC.pad
    // Gateways straddle the top edge, right-aligned, so the VPC's name stays readable on the left.
    gateways.forEach((g, i) => {
      const dx = w - VPC.pad - gatewaysW + gateway.gap + i * (gateway.w + gateway.gap)
      items.push({ frame: { id: g.id, w: gateway.w, h: gateway.h, items: [] }, dx, dy: -gateway.h / 2 })
    })
    return { id: v.id, w, h, items }
  }

  /** Frames in a grid shaped for the screen (gridArrangement), top-aligned, then any loose leaves in a grid to the right. */
  function rowFrame(id: string | null, members: GraphNode[], pad: number, header: number, gap: number): Frame {
    const boxes = members.filter((n) => n.kind === 'vpc' || n.kind === 'region').sort(byOrder)
    const loose = members.filter((n) => !CONTAINER_KINDS.has(n.kind)).sort(byRank(BAND_RANK, 2))
    const items: Frame['items'] = []
    // Room above each VPC for the half of its gateways that sticks out.
    const lift = boxes.some((b) => b.kind === 'vpc') ? gateway.h / 2 : 0
    const top = pad + header + lift
    const frames = boxes.map((b) => (b.kind === 'vpc' ? vpcFrame(b) : rowFrame(b.id, kids(b.id), REGION.pad, REGION.header, REGION.gap)))
    const grid = gridArrangement(frames, aspect, gap, gap + lift)
    frames.forEach((f, i) => items.push({ frame: f, dx: pad + grid.cells[i].x, dy: top + grid.cells[i].y }))
    let x = pad + grid.w + (frames.length > 0 ? gap : 0)
    let h = grid.h
    if (loose.length > 0) {
      const cols = gridColumns(loose.length)
      h = Math.max(h, pushGrid(items, loose.map((n) => n.id), cols, x, top))
      x += gridWidth(cols) + gap
    }
    const w = Math.max(x - gap, pad) + pad
    return { id, w, h: top + h + pad, items }
  }

  const boxes = new Map<string, Box>()
  const place = (f: Frame, x: number, y: number) => {
    if (f.id !== null) boxes.set(f.id, { x, y, w: f.w, h: f.h })
    for (const it of f.items) place(it.frame, x + it.dx, y + it.dy)
  }
  const main = rowFrame(null, roots, 0, 0, ROOT.gap)
  place(main, 0, 0)

  // Anything the hierarchy did not reach (a subnet outside any VPC, a parent cycle): a grid to the right.
  const unplaced = [...byId.values()].filter((n) => !boxes.has(n.id)).sort(byOrder)
  const unplacedIds = new Set(unplaced.map((n) => n.id))
  if (unplaced.length > 0) {
    const items: Frame['items'] = []
    pushGrid(items, unplaced.map((n) => n.id), gridColumns(unplaced.length), 0, 0)
    place({ id: null, w: 0, h: 0, items }, main.w + ROOT.gap, 0)
  }

  const parents = new Map<string, string>()
  for (const n of byId.values()) {
    const p = n.parent !== undefined ? byId.get(n.parent) : undefined
    if (!p || p.id === n.id || !isPlacedInside(n, p)) continue
    if (EDGE_GATEWAY_KINDS.has(n.kind) && p.kind === 'vpc') {
      const grand = p.parent !== undefined ? byId.get(p.parent) : undefined
      if (grand && grand.kind === 'region' && boxes.has(grand.id)) parents.set(n.id, grand.id)
    } else parents.set(n.id, p.id)
  }
  function isPlacedInside(n: GraphNode, p: GraphNode): boolean {
    // Nodes placed by the fallback grid (or a container kind where it cannot go) keep no parent.
    return !unplacedIds.has(n.id) && CONTAINER_KINDS.has(p.kind) && !(p.kind === 'subnet' && CONTAINER_KINDS.has(n.kind))
  }

  const hasChild = new Set(parents.values())
  const positions = new Map<string, Point>()
  for (const [id, b] of boxes) if (!hasChild.has(id)) positions.set(id, { x: b.x + b.w / 2, y: b.y + b.h / 2 })
  return { boxes, positions, parents, headers }
}
