/**
 * SecurityGraph → the elements the Security view draws. Up to SECURITY_LOD_GROUPS groups: all of them.
 * More: every VPC collapsed to one box (securityLod.ts), expanded on click, when a group in it is
 * selected, or when the view zooms in on it (as useDiagramElements does for subnets).
 */
import { useCallback, useMemo, useState } from 'react'
import type { ElementDefinition } from 'cytoscape'
import type { SecurityGraph } from '../../../shared/index.ts'
import { layoutSecurityGraph } from './securityLayout.ts'
import { SECURITY_LOD_GROUPS, buildSecurityLodIndex, securityLodElements, securityVpcsInView } from './securityLod.ts'
import { toSecurityElements } from './toSecurityElements.ts'

/** Zoom from which the VPCs in view expand by themselves, and how many groups that may draw. */
export const SECURITY_EXPAND_ZOOM = 0.3
export const SECURITY_EXPAND_BUDGET = 600

export function useSecurityElements(graph: SecurityGraph) {
  const model = useMemo(() => {
    const layout = layoutSecurityGraph(graph)
    const groups = graph.nodes.reduce((n, x) => n + (x.kind === 'security-group' ? 1 : 0), 0)
    return { layout, index: groups > SECURITY_LOD_GROUPS ? buildSecurityLodIndex(graph, layout) : null }
  }, [graph])
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set())
  const [inView, setInView] = useState<readonly string[]>([])
  const expanded = useMemo(() => new Set([...pinned, ...inView]), [pinned, inView])
  const { layout, index } = model
  const elements = useMemo<ElementDefinition[]>(
    () => (index ? securityLodElements(graph, layout, index, expanded) : toSecurityElements(graph, layout)),
    [graph, layout, index, expanded],
  )
  /** A tap on a collapsed VPC, or `reveal` of a node inside one: draw that VPC's groups. */
  const expand = useCallback((id: string) => {
    if (!index) return
    const vpc = index.boxes.has(id) ? id : index.vpcOf.get(id)
    if (vpc !== undefined) setPinned((prev) => (prev.has(vpc) ? prev : new Set([...prev, vpc])))
  }, [index])
  const collapseAll = useCallback(() => { setPinned(new Set()); setInView([]) }, [])
  const onViewport = useCallback((extent: { x1: number; y1: number; x2: number; y2: number }, zoom: number) => {
    if (!index) return
    const next = securityVpcsInView(index, extent, zoom, SECURITY_EXPAND_ZOOM, SECURITY_EXPAND_BUDGET)
    setInView((prev) => (prev.length === next.length && prev.every((s, i) => s === next[i]) ? prev : next))
  }, [index])
  return { elements, lod: index !== null, expand, collapseAll, onViewport }
}
