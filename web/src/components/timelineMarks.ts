/**
 * The Timeline chart's data: one mark per version, with the size, shape and colour that say how
 * security-relevant its changes were (the highest severity against its parent). Pure; the chart
 * only draws what this returns.
 */
import type { Severity, TimelineEntry } from '../../../shared/index.ts'

export type MarkLevel = Severity | 'none' | 'first'
export type MarkShape = 'diamond' | 'triangle' | 'square' | 'circle' | 'triangle-down'

export interface TimelineMark {
  id: string
  createdAt: string
  source: string
  parent: string | null
  resources: number
  /** The change counts against the parent (zero for a first version). */
  added: number
  removed: number
  modified: number
  exposure: number
  relationships: number
  total: number
  level: MarkLevel
  shape: MarkShape
  /** Symbol area in px² (d3.symbol's size), larger for more severe changes. */
  area: number
  fill: string
  stroke: string
}

/** Severity → look; shape and size carry it as well as colour. Exported for the legend. */
export const LEVEL_STYLE: Record<MarkLevel, { label: string; shape: MarkShape; area: number; fill: string; stroke: string }> = {
  critical: { label: 'critical', shape: 'diamond', area: 620, fill: '#dc2626', stroke: '#7f1d1d' },
  high: { label: 'high', shape: 'triangle', area: 460, fill: '#ea580c', stroke: '#7c2d12' },
  medium: { label: 'medium', shape: 'square', area: 300, fill: '#d97706', stroke: '#713f12' },
  low: { label: 'low', shape: 'circle', area: 200, fill: '#64748b', stroke: '#334155' },
  info: { label: 'info (tightened)', shape: 'triangle-down', area: 200, fill: '#2563eb', stroke: '#1e3a8a' },
  none: { label: 'no change', shape: 'circle', area: 110, fill: '#ffffff', stroke: '#64748b' },
  first: { label: 'first version', shape: 'square', area: 90, fill: '#e2e8f0', stroke: '#64748b' },
}

export function timelineMarks(versions: readonly TimelineEntry[]): TimelineMark[] {
  return versions.map((v) => {
    const c = v.changes
    const level: MarkLevel = c === null ? 'first' : c.highestSeverity ?? 'none'
    const style = LEVEL_STYLE[level]
    const counts = { added: c?.added ?? 0, removed: c?.removed ?? 0, modified: c?.modified ?? 0, exposure: c?.exposure ?? 0, relationships: c?.relationships ?? 0 }
    return {
      id: v.id, createdAt: v.createdAt, source: v.source, parent: v.parent, resources: v.resources, ...counts,
      total: counts.added + counts.removed + counts.modified,
      level, shape: style.shape, area: style.area, fill: style.fill, stroke: style.stroke,
    }
  })
}

/** Two picked versions as a diff pair, older first (by version number). */
export function orderPair(a: string, b: string): { from: string; to: string } {
  return Number(a) <= Number(b) ? { from: a, to: b } : { from: b, to: a }
}
