import { useEffect, useMemo, useRef, useState } from 'react'
import type { SecurityGraph } from '../../../shared/index.ts'
import { getSecurityGraph } from '../api/index.ts'
import { SecurityLegend } from '../components/SecurityLegend.tsx'
import { SecurityPanel } from '../components/SecurityPanel.tsx'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { useCytoscape } from '../diagram/useCytoscape.ts'
import { useSecurityElements } from '../diagram/useSecurityElements.ts'
import { useAsync } from '../state/useAsync.ts'

interface Props {
  env: string
  version: string
  selectedId: string | null
  onSelect: (id: string | null) => void
}

/**
 * Security groups inside their VPCs, the sources their ingress rules admit on the left, one labelled
 * edge per (source, group) pair. The interfaces carrying each group come on demand (a toggle).
 */
export function SecurityView({ env, version, selectedId, onSelect }: Props) {
  const [members, setMembers] = useState(false)
  const key = `${env}\n${version}\n${members}`
  const loaded = useAsync(key, (signal) => getSecurityGraph(env, version, members, signal))
  // Keep the previous graph on screen while the next one (members toggled, other version) loads.
  const shownRef = useRef<{ graph: SecurityGraph; members: boolean } | null>(null)
  if (loaded.status === 'ready' && shownRef.current?.graph !== loaded.data) shownRef.current = { graph: loaded.data, members }
  const graph = shownRef.current?.graph ?? null
  return (
    <div className="workspace" data-testid="security-workspace" data-ready={loaded.status === 'ready' ? key.replace(/\n/g, '|') : ''}>
      {loaded.status === 'loading' && <StatusMessage kind="loading" title="Loading security groups…" />}
      {loaded.status === 'error' && <StatusMessage kind="error" title="Could not load the security groups" message={loaded.error.message} />}
      {graph && (
        <SecurityDiagram graph={graph} fitKey={`${env}\n${shownRef.current?.members}`} selectedId={selectedId} onSelect={onSelect} members={members} onMembers={setMembers} />
      )}
      {graph && selectedId !== null && (
        <SecurityPanel env={env} version={version} graph={graph} selectedId={selectedId} onSelect={onSelect} onClose={() => onSelect(null)} />
      )}
    </div>
  )
}

interface DiagramProps {
  graph: SecurityGraph
  fitKey: string
  selectedId: string | null
  onSelect: (id: string | null) => void
  members: boolean
  onMembers: (on: boolean) => void
}

function SecurityDiagram({ graph, fitKey, selectedId, onSelect, members, onMembers }: DiagramProps) {
  const container = useRef<HTMLDivElement>(null)
  // Large accounts: VPCs collapsed to boxes with counts, expanded on click or zoom (securityLod.ts).
  const diagram = useSecurityElements(graph)
  const { expand } = diagram
  // A group selected from elsewhere (a finding, the resource list) inside a collapsed VPC: expand it.
  useEffect(() => { if (selectedId !== null) expand(selectedId) }, [selectedId, expand])
  const { fit } = useCytoscape(container, {
    elements: diagram.elements, selectedId, onSelect, fitKey, onViewport: diagram.onViewport, onExpand: (id) => expand(id),
  })
  const counts = useMemo(() => {
    const groups = graph.nodes.filter((n) => n.kind === 'security-group').length
    const sources = graph.nodes.filter((n) => n.kind !== 'security-group' && n.kind !== 'vpc' && n.kind !== 'network-interface').length
    const ingress = graph.edges.filter((e) => e.kind === 'ingress').length
    return { groups, sources, ingress }
  }, [graph])
  return (
    <div className="infrastructure">
      <div className="diagram" ref={container} data-testid="security-diagram" data-lod={diagram.lod ? 'collapsed-vpcs' : 'full'} aria-label="Security groups diagram" role="img" />
      <div className="diagram-toolbar">
        <span className="counts" data-testid="security-counts">
          {counts.groups} security groups · {counts.sources} outside sources · {counts.ingress} ingress edges
        </span>
        <label className="toggle">
          <input type="checkbox" data-testid="toggle-members" checked={members} onChange={(e) => onMembers(e.target.checked)} />
          Show interfaces
        </label>
        <button type="button" className="button" onClick={fit}>Fit</button>
        {diagram.lod && (
          <button type="button" className="button" data-testid="security-collapse-all" onClick={diagram.collapseAll} title="VPCs expand on click or when you zoom in">
            Collapse VPCs
          </button>
        )}
      </div>
      <SecurityLegend />
    </div>
  )
}
