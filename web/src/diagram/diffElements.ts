/**
 * The diff view's elements: the union graph through the Infrastructure view's own layout and mapping
 * (so an unchanged resource sits where it sits there), plus diff classes and a glyph in front of each
 * changed element's label, so a change never shows by colour alone. Pure.
 *
 *   diff-added    + green, thick solid border
 *   diff-removed  − red, dashed border, faded
 *   diff-modified ~ amber, double border
 *   diff-exposure-up    ▲ its exposure widened or began (halo)
 *   diff-exposure-down  ▼ its exposure narrowed or ended (halo)
 *   diff-affected       ! a security group, NACL or route table acting on it changed (halo)
 *   diff-quiet    unchanged and unaffected leaves, faded so the changes stand out
 *   diff-hidden   "changes only": unchanged elements, and containers holding no change
 */
import type { ElementDefinition } from 'cytoscape'
import type { DiffGraph, DiffStatus, ExposureChange } from '../../../shared/index.ts'
import type { ChangeItem } from './diffChangeList.ts'
import { isWidening } from './diffChangeList.ts'
import type { DiagramLayout } from './layout.ts'
import { toElements } from './toElements.ts'

export const STATUS_GLYPH: Record<DiffStatus, string> = { added: '+', removed: '−', modified: '~', unchanged: '' }
export const EXPOSURE_GLYPH = { up: '▲', down: '▼' } as const
export const AFFECTED_GLYPH = '!'

export interface NodeMark { status: DiffStatus; exposure: 'up' | 'down' | null; affected: boolean }

/** What each drawn node shows: its own status, and what other changes did to it. */
export function nodeMarks(graph: DiffGraph, items: readonly ChangeItem[]): Map<string, NodeMark> {
  const marks = new Map<string, NodeMark>()
  const resourceOf = new Map<string, string>()
  for (const n of graph.nodes) {
    marks.set(n.id, { status: n.status, exposure: null, affected: false })
    resourceOf.set(n.id, n.resourceId ?? n.id)
  }
  for (const item of items) {
    for (const id of item.targets) {
      const m = marks.get(id)
      if (!m) continue
      if (item.group === 'exposure') {
        // Widening wins over narrowing when a node has both.
        const up = isWidening(item.source as ExposureChange)
        m.exposure = up || m.exposure === 'up' ? 'up' : 'down'
      } else if (m.status === 'unchanged' && item.resourceId !== resourceOf.get(id)) {
        m.affected = true
      }
    }
  }
  return marks
}

/** The glyphs in front of a label: status first, then exposure, then indirect change. */
export function markGlyphs(m: NodeMark): string {
  return [STATUS_GLYPH[m.status], m.exposure ? EXPOSURE_GLYPH[m.exposure] : '', m.affected && !m.exposure ? AFFECTED_GLYPH : ''].join('')
}

export function markClasses(m: NodeMark): string[] {
  const out = [`diff-${m.status}`]
  if (m.exposure) out.push(`diff-exposure-${m.exposure}`)
  if (m.affected) out.push('diff-affected')
  return out
}

export function isChanged(m: NodeMark): boolean {
  return m.status !== 'unchanged' || m.exposure !== null || m.affected
}

export function diffElements(graph: DiffGraph, layout: DiagramLayout, items: readonly ChangeItem[], changesOnly: boolean): ElementDefinition[] {
  const marks = nodeMarks(graph, items)
  // Containers stay visible when they hold a change (to place it), or changed themselves.
  const needed = new Set<string>()
  const keep = (id: string) => {
    for (let p: string | undefined = id, guard = 0; p !== undefined && guard < 16; p = layout.parents.get(p), guard++) needed.add(p)
  }
  for (const [id, m] of marks) if (isChanged(m)) keep(id)
  // A changed edge needs both its ends (and their containers) to be drawn.
  for (const e of graph.edges) if (e.status !== 'unchanged') { keep(e.source); keep(e.target) }
  const edgeStatus = new Map(graph.edges.map((e) => [e.id, e.status]))
  return toElements(graph, layout).map((el) => {
    const classes = Array.isArray(el.classes) ? [...el.classes] : String(el.classes ?? '').split(' ').filter(Boolean)
    const id = String(el.data.id)
    if (el.group === 'nodes') {
      const m = marks.get(id) ?? { status: 'unchanged', exposure: null, affected: false }
      classes.push(...markClasses(m))
      const leaf = classes.includes('resource') || classes.includes('gateway')
      if (leaf && !isChanged(m)) classes.push('diff-quiet')
      if (changesOnly && !needed.has(id)) classes.push('diff-hidden')
      const glyphs = markGlyphs(m)
      const data = glyphs === '' ? el.data : { ...el.data, label: `${glyphs} ${String(el.data.label ?? '')}` }
      return { ...el, data, classes }
    }
    // toElements prefixes an edge id with `edge:` when it collides with a node id.
    const status = edgeStatus.get(id) ?? edgeStatus.get(id.replace(/^edge:/, '')) ?? 'unchanged'
    classes.push(`diff-${status}`)
    if (changesOnly && status === 'unchanged') classes.push('diff-hidden')
    return { ...el, classes }
  })
}
