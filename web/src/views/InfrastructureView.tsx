import { useMemo, useRef } from 'react'
import type { Graph } from '../../../shared/index.ts'
import { layoutGraph } from '../diagram/layout.ts'
import { toElements } from '../diagram/toElements.ts'
import { useCytoscape } from '../diagram/useCytoscape.ts'
import { Legend } from '../components/Legend.tsx'

interface Props {
  graph: Graph
  /** Changes when the diagram should be fitted again (another environment). */
  fitKey: string
  selectedId: string | null
  onSelect: (id: string | null) => void
}

/** VPC > AZ > subnet > resources, laid out deterministically, filling the page. */
export function InfrastructureView({ graph, fitKey, selectedId, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const elements = useMemo(() => toElements(graph, layoutGraph(graph)), [graph])
  const { fit } = useCytoscape(container, { elements, selectedId, onSelect, fitKey })
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
      <div className="diagram" ref={container} data-testid="diagram" aria-label="Infrastructure diagram" role="img" />
      <div className="diagram-toolbar">
        <span className="counts" data-testid="counts">{counts.vpc} VPCs · {counts.subnet} subnets · {counts.eni} network interfaces</span>
        <button type="button" className="button" onClick={fit}>Fit</button>
      </div>
      <Legend />
    </div>
  )
}
