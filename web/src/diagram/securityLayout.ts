/**
 * The Security view's deterministic layout. Sources outside the groups (the internet, prefix lists,
 * CIDR blocks, groups the snapshot does not hold) stand in one column on the left; each VPC is a box
 * to their right, its groups in columns by depth: a group that another group of the same VPC admits
 * stands one column to the right of it, so traffic reads left to right (internet → ALB → app → DB).
 * Member interfaces, when shown, sit in a small grid under the first of their groups.
 *
 * Pure and stable: sorting uses code-unit comparison only, and ties break on ids.
 */
import type { SecurityGraph, SecurityGraphNode } from '../../../shared/index.ts'
import type { Point } from './layout.ts'

export const SECURITY_METRICS = {
  group: { w: 224, h: 52 },
  source: { w: 176, h: 42 },
  member: { w: 150, h: 34 },
  /** Room between columns for the edges' port labels. */
  columnGap: 130,
  rowGap: 28,
  memberGap: 8,
  vpcPad: 26,
  /** Room above each VPC box for its label (drawn above the box). */
  vpcHeader: 30,
  vpcGap: 70,
  /** Between the sources column and the VPC boxes. */
  sourcesGap: 190,
} as const

const M = SECURITY_METRICS
/** A column of more groups than about this many rows² wraps into sub-columns. */
const SUBCOLUMN_ROWS = 6
const SOURCE_RANK: Record<string, number> = { internet: 0, 'prefix-list': 1, cidr: 2, 'external-group': 3 }
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byLabel = (a: SecurityGraphNode, b: SecurityGraphNode) => cmp(a.label, b.label) || cmp(a.id, b.id)

export interface SecurityLayout {
  /** Centre of every node that is not a VPC box (Cytoscape sizes those from their children). */
  positions: Map<string, Point>
}

export function layoutSecurityGraph(graph: SecurityGraph): SecurityLayout {
  const positions = new Map<string, Point>()
  const byId = new Map(graph.nodes.map((n) => [n.id, n]))
  const groups = graph.nodes.filter((n) => n.kind === 'security-group')
  const sources = graph.nodes.filter((n) => n.kind in SOURCE_RANK)
    .sort((a, b) => SOURCE_RANK[a.kind] - SOURCE_RANK[b.kind] || byLabel(a, b))

  // Group → the groups of the same VPC that admit it (no self references).
  const admittedBy = new Map<string, string[]>()
  const hasInternet = new Set<string>()
  for (const e of graph.edges) {
    if (e.kind !== 'ingress') continue
    if (e.source === 'internet') hasInternet.add(e.target)
    const s = byId.get(e.source), t = byId.get(e.target)
    if (!s || !t || s.kind !== 'security-group' || s.id === t.id || s.parent !== t.parent) continue
    const list = admittedBy.get(t.id)
    if (list) list.push(s.id)
    else admittedBy.set(t.id, [s.id])
  }
  const depth = new Map<string, number>()
  const depthOf = (id: string, visiting: Set<string>): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    if (visiting.has(id)) return 0 // a cycle: break it here
    visiting.add(id)
    let d = 0
    for (const s of admittedBy.get(id) ?? []) d = Math.max(d, depthOf(s, visiting) + 1)
    visiting.delete(id)
    depth.set(id, d)
    return d
  }
  for (const g of [...groups].sort(byLabel)) depthOf(g.id, new Set())

  // Each member interface sits under the first of its groups (by id) that is drawn.
  const homeMembers = new Map<string, string[]>()
  const homed = new Set<string>()
  for (const e of [...graph.edges].filter((x) => x.kind === 'member-of').sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target))) {
    if (homed.has(e.source) || !byId.has(e.source) || byId.get(e.target)?.kind !== 'security-group') continue
    homed.add(e.source)
    const list = homeMembers.get(e.target)
    if (list) list.push(e.source)
    else homeMembers.set(e.target, [e.source])
  }
  const memberCols = (n: number) => (n === 0 ? 0 : n <= 4 ? 1 : Math.ceil(Math.sqrt(n / 2)))
  const cell = (g: string) => {
    const n = homeMembers.get(g)?.length ?? 0
    const cols = memberCols(n)
    const rows = cols === 0 ? 0 : Math.ceil(n / cols)
    return {
      w: Math.max(M.group.w, cols * (M.member.w + M.memberGap) - M.memberGap),
      h: M.group.h + (rows === 0 ? 0 : M.memberGap * 2 + rows * (M.member.h + M.memberGap) - M.memberGap),
      cols,
    }
  }

  let y = 0
  const vpcIds = [...new Set(groups.map((g) => g.parent ?? ''))]
    .sort((a, b) => cmp(byId.get(a)?.label ?? '~', byId.get(b)?.label ?? '~') || cmp(a, b))
  const x0 = M.source.w + M.sourcesGap
  const groupsOf = new Map<string, SecurityGraphNode[]>()
  for (const g of groups) {
    const list = groupsOf.get(g.parent ?? '')
    if (list) list.push(g)
    else groupsOf.set(g.parent ?? '', [g])
  }
  for (const vpcId of vpcIds) {
    const members = groupsOf.get(vpcId) ?? []
    const columns: SecurityGraphNode[][] = []
    for (const g of members) (columns[depth.get(g.id) ?? 0] ??= []).push(g)
    // Column 0: groups the internet reaches first, then by name; later columns follow the mean row of
    // the groups that admit them, which keeps most edges short and uncrossed.
    const row = new Map<string, number>()
    const top = y + (vpcId === '' ? 0 : M.vpcHeader + M.vpcPad)
    let x = x0 + (vpcId === '' ? 0 : M.vpcPad)
    let bottom = top
    columns.filter(Boolean).forEach((col, i) => {
      const key = (g: SecurityGraphNode) => {
        if (i === 0) return hasInternet.has(g.id) ? 0 : 1
        const rows = (admittedBy.get(g.id) ?? []).map((s) => row.get(s)).filter((r): r is number => r !== undefined)
        return rows.length === 0 ? Infinity : rows.reduce((a, b) => a + b, 0) / rows.length
      }
      col.sort((a, b) => key(a) - key(b) || byLabel(a, b))
      const cells = col.map((g) => cell(g.id))
      const colW = Math.max(...cells.map((c) => c.w))
      // A long column (hundreds of groups in a large account) wraps into side-by-side sub-columns,
      // filled top to bottom in the same order, so the VPC box keeps a readable shape.
      const subs = Math.max(1, Math.ceil(Math.sqrt(col.length / SUBCOLUMN_ROWS)))
      const perSub = Math.ceil(col.length / subs)
      let cy = top
      col.forEach((g, k) => {
        row.set(g.id, k)
        if (k > 0 && k % perSub === 0) {
          bottom = Math.max(bottom, cy - M.rowGap)
          cy = top
          x += colW + M.rowGap * 2
        }
        const c = cells[k]
        positions.set(g.id, { x: x + colW / 2, y: cy + M.group.h / 2 })
        const ids = homeMembers.get(g.id) ?? []
        const gridW = c.cols * (M.member.w + M.memberGap) - M.memberGap
        ids.forEach((id, j) => {
          const mx = x + (colW - gridW) / 2 + (j % c.cols) * (M.member.w + M.memberGap) + M.member.w / 2
          const my = cy + M.group.h + M.memberGap * 2 + Math.floor(j / c.cols) * (M.member.h + M.memberGap) + M.member.h / 2
          positions.set(id, { x: mx, y: my })
        })
        cy += c.h + M.rowGap
      })
      bottom = Math.max(bottom, cy - M.rowGap)
      x += colW + M.columnGap
    })
    y = bottom + (vpcId === '' ? 0 : M.vpcPad) + M.vpcGap
  }

  // Each source as close as it can get to the middle of the groups it reaches, in that order, never
  // overlapping: edges stay short and rarely cross.
  const reached = new Map<string, number[]>()
  for (const e of graph.edges) {
    const y = e.kind === 'ingress' ? positions.get(e.target)?.y : undefined
    if (y === undefined) continue
    const list = reached.get(e.source)
    if (list) list.push(y)
    else reached.set(e.source, [y])
  }
  const wanted = new Map<string, number>()
  for (const src of sources) {
    const ys = reached.get(src.id) ?? []
    wanted.set(src.id, ys.length === 0 ? 0 : ys.reduce((a, b) => a + b, 0) / ys.length)
  }
  const ordered = sources.map((src, i) => ({ src, i })).sort((a, b) => wanted.get(a.src.id)! - wanted.get(b.src.id)! || a.i - b.i)
  let next = -Infinity
  for (const { src } of ordered) {
    const cy = Math.max(wanted.get(src.id)!, next + M.source.h / 2)
    positions.set(src.id, { x: M.source.w / 2, y: cy })
    next = cy + M.source.h / 2 + M.rowGap
  }
  return { positions }
}
