/**
 * Graph → the elements the Infrastructure view draws. Small diagrams: every element, computed at
 * once. Large ones (more than LOD_NODE_THRESHOLD nodes): laid out step by step with yields to the
 * browser in between (so the progress overlay paints), then drawn with collapsed subnets that expand
 * on click, on double-clicking their VPC, or when the view zooms in on them (lod.ts).
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { ElementDefinition } from 'cytoscape'
import type { Graph } from '../../../shared/index.ts'
import { layoutGraph, type DiagramLayout } from './layout.ts'
import { LOD_NODE_THRESHOLD, buildLodIndex, lodElements, subnetsInView, type LodIndex } from './lod.ts'
import { toElements } from './toElements.ts'

/** Zoom from which the subnets in view expand by themselves, and how many resources that may draw. */
export const EXPAND_ZOOM = 0.25
export const EXPAND_BUDGET = 3000

export interface BuildProgress { step: string; done: number; total: number }

interface Model { graph: Graph; layout: DiagramLayout; index: LodIndex | null }

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export function useDiagramElements(graph: Graph) {
  const large = graph.nodes.length > LOD_NODE_THRESHOLD
  const [built, setBuilt] = useState<Model | null>(null)
  const [progress, setProgress] = useState<BuildProgress | null>(null)
  // Small graphs are laid out synchronously: no overlay flashes, and the first render has everything.
  const small = useMemo<Model | null>(() => (large ? null : { graph, layout: layoutGraph(graph), index: null }), [graph, large])

  useEffect(() => {
    if (!large) return
    let cancelled = false
    void (async () => {
      const total = 3
      setProgress({ step: `Laying out ${graph.nodes.length.toLocaleString('en-US')} nodes`, done: 0, total })
      await nextFrame()
      if (cancelled) return
      const layout = layoutGraph(graph)
      performance.mark('vpclens:laid-out')
      setProgress({ step: 'Grouping resources by subnet', done: 1, total })
      await nextFrame()
      if (cancelled) return
      const index = buildLodIndex(graph, layout)
      performance.mark('vpclens:lod-indexed')
      setProgress({ step: 'Drawing collapsed subnets', done: 2, total })
      await nextFrame()
      if (cancelled) return
      setBuilt({ graph, layout, index })
      setProgress(null)
    })()
    return () => { cancelled = true }
  }, [graph, large])

  const model = large ? (built?.graph === graph ? built : null) : small
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set())
  const [inView, setInView] = useState<readonly string[]>([])

  const expanded = useMemo(() => new Set([...pinned, ...inView]), [pinned, inView])
  const elements = useMemo<ElementDefinition[]>(() => {
    if (!model) return []
    return model.index ? lodElements(model.graph, model.layout, model.index, expanded) : toElements(model.graph, model.layout)
  }, [model, expanded])

  const index = model?.index ?? null
  const layout = model?.layout ?? null
  const expand = useCallback((id: string, kind: string) => {
    if (!index) return
    const add = kind === 'vpc' ? [...index.vpcOf].filter(([, v]) => v === id).map(([s]) => s) : index.members.has(id) ? [id] : []
    if (add.length > 0) setPinned((prev) => (add.every((s) => prev.has(s)) ? prev : new Set([...prev, ...add])))
  }, [index])
  /** Expands the subnet holding `id`, so that a search result can be shown. */
  const reveal = useCallback((id: string) => {
    const s = index?.subnetOf.get(id)
    if (s !== undefined) expand(s, 'subnet')
  }, [index, expand])
  const collapseAll = useCallback(() => { setPinned(new Set()); setInView([]) }, [])
  const onViewport = useCallback((extent: { x1: number; y1: number; x2: number; y2: number }, zoom: number) => {
    if (!index || !layout) return
    const next = subnetsInView(index, layout.boxes, extent, zoom, EXPAND_ZOOM, EXPAND_BUDGET)
    setInView((prev) => (prev.length === next.length && prev.every((s, i) => s === next[i]) ? prev : next))
  }, [index, layout])
  /** The collapsed subnet drawn in place of a hidden resource. */
  const standIns = useMemo(() => {
    const out = new Map<string, string>()
    if (index) for (const [id, s] of index.subnetOf) if (!expanded.has(s)) out.set(id, s)
    return out
  }, [index, expanded])

  return { elements, layout, progress, lod: large, expand, reveal, collapseAll, onViewport, standIns, expandedCount: expanded.size }
}
