import { useEffect, useMemo, useRef, type ReactNode } from 'react'
import type { ElementDefinition } from 'cytoscape'
import type { Graph } from '../../../shared/index.ts'
import { useCytoscape } from '../diagram/useCytoscape.ts'
import { useDiagramElements } from '../diagram/useDiagramElements.ts'
import { Legend } from '../components/Legend.tsx'
import { ProgressOverlay } from '../components/ProgressOverlay.tsx'

interface Props {
  graph: Graph
  /** Changes when the diagram should be fitted again (another environment). */
  fitKey: string
  selectedId: string | null
  onSelect: (id: string | null) => void
  /** An overlay on the elements (the exposure overlay): pure, applied after the mapping. */
  decorate?: (elements: ElementDefinition[]) => ElementDefinition[]
  /** Centre the view on this element whenever `key` changes (a row clicked in a list). */
  focus?: { id: string; key: number } | null
  /** More controls for the toolbar, and more keys for the legend (the exposure overlay's). */
  toolbar?: ReactNode
  legend?: ReactNode
  /** Search results to highlight (everything else dims), and the focused one. */
  search?: { ids: readonly string[]; current: string | null } | null
}

/** VPC > AZ > subnet > resources, laid out deterministically, filling the page. */
export function InfrastructureView({ graph, fitKey, selectedId, onSelect, decorate, focus, toolbar, legend, search }: Props) {
  const container = useRef<HTMLDivElement>(null)
  // Large environments: collapsed subnets that expand on click or zoom, built behind a progress overlay.
  const diagram = useDiagramElements(graph)
  const { elements: base, reveal } = diagram
  const elements = useMemo(() => (decorate ? decorate(base) : base), [base, decorate])
  const highlight = useMemo(
    () => (search ? { matches: new Set(search.ids), current: search.current, standIns: diagram.standIns } : null),
    [search, diagram.standIns],
  )
  // A result or a focused row inside a collapsed subnet: expand that subnet first.
  useEffect(() => { if (focus) reveal(focus.id) }, [focus, reveal])
  const { fit } = useCytoscape(container, {
    elements, selectedId, onSelect, fitKey, focus, highlight,
    initialView: diagram.lod ? 'fit' : 'readable', onViewport: diagram.onViewport, onExpand: diagram.expand,
  })
  const counts = useMemo(() => {
    const c = { vpc: 0, subnet: 0, eni: 0 }
    for (const n of graph.nodes) {
      if (n.kind === 'vpc') c.vpc++
      else if (n.kind === 'subnet') c.subnet++
      else if (n.kind === 'network-interface') c.eni++
    }
    return c
  }, [graph])
  return (
    <div className="infrastructure">
      <div className="diagram" ref={container} data-testid="diagram" data-lod={diagram.lod ? 'collapsed-subnets' : 'full'} aria-label="Infrastructure diagram" role="img" />
      {diagram.progress && <ProgressOverlay progress={diagram.progress} />}
      <div className="diagram-toolbar">
        <span className="counts" data-testid="counts">{counts.vpc} VPCs · {counts.subnet} subnets · {counts.eni} network interfaces</span>
        <button type="button" className="button" onClick={fit}>Fit</button>
        {diagram.lod && (
          <button type="button" className="button" data-testid="collapse-all" onClick={diagram.collapseAll} title="Subnets expand on click or when you zoom in">
            Collapse subnets
          </button>
        )}
        {toolbar}
      </div>
      <Legend>{legend}</Legend>
    </div>
  )
}
