import type { SecurityGraph, SecurityGroupInfo, SecurityRuleRow } from '../../../shared/index.ts'
import { KeyValueTable } from './KeyValueTable.tsx'
import { MemberTable } from './MemberTable.tsx'
import { NaclTable } from './NaclTable.tsx'
import { RuleTable } from './RuleTable.tsx'
import './views.css'

interface Props {
  env: string
  version: string
  graph: SecurityGraph
  selectedId: string
  onSelect: (id: string | null) => void
  onClose: () => void
}

const KIND_NAMES: Record<string, string> = {
  'security-group': 'Security group', internet: 'Source', cidr: 'CIDR block', 'prefix-list': 'Prefix list',
  'external-group': 'Security group (not collected)', 'network-interface': 'Network interface', vpc: 'VPC',
  ingress: 'Ingress rules', 'member-of': 'Carries group',
}

/**
 * The Security view's side panel. A group: the interfaces carrying it with their addresses, its
 * inbound and outbound rules, and the NACLs of its members' subnets. An edge: the rules it bundles.
 * A source: the groups it may reach. Every name and description is rendered as text.
 */
export function SecurityPanel({ graph, selectedId, onSelect, onClose }: Props) {
  const node = graph.nodes.find((n) => n.id === selectedId)
  const edge = node ? undefined : graph.edges.find((e) => e.id === selectedId)
  const groups = new Map(graph.groups.map((g) => [g.id, g]))
  const label = node?.label ?? (edge ? edge.label : selectedId)
  const kind = node?.kind ?? edge?.kind ?? 'unknown'
  return (
    <aside className="side-panel" data-testid="side-panel" aria-label="Selection details">
      <div className="side-panel-head">
        <div>
          <div className="side-panel-kind">{KIND_NAMES[kind] ?? kind}</div>
          <h2 className="side-panel-title" data-testid="side-panel-title">{label}</h2>
          <div className="side-panel-id" data-testid="side-panel-id">{selectedId}</div>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details">×</button>
      </div>
      <div className="side-panel-body">
        {!node && !edge && <p className="muted">Not in this version.</p>}
        {node?.kind === 'security-group' && groups.has(node.id) && <GroupDetails group={groups.get(node.id)!} graph={graph} onSelect={onSelect} />}
        {node && node.kind !== 'security-group' && (
          <>
            <KeyValueTable rows={Object.entries(node.details)} empty="No details" />
            <SourceReach graph={graph} sourceId={node.id} onSelect={onSelect} />
          </>
        )}
        {edge?.kind === 'ingress' && <BundledRules graph={graph} edgeId={edge.id} onSelect={onSelect} />}
      </div>
    </aside>
  )
}

function GroupDetails({ group, graph, onSelect }: { group: SecurityGroupInfo; graph: SecurityGraph; onSelect: (id: string) => void }) {
  const nacls = graph.nacls.filter((n) => group.naclIds.includes(n.id))
  return (
    <div data-testid="group-details">
      <KeyValueTable rows={[['Name', group.name], ['Description', group.description || '—'], ['VPC', group.vpcId ?? '—']]} testId="group-facts" />
      <h3>Connected resources ({group.members.length})</h3>
      <MemberTable members={group.members} />
      <h3>Inbound rules ({group.ingress.length})</h3>
      <RuleTable rules={group.ingress} direction="ingress" testId="ingress-rules" onPeer={onSelect} />
      <h3>Outbound rules ({group.egress.length})</h3>
      <RuleTable rules={group.egress} direction="egress" testId="egress-rules" onPeer={onSelect} />
      <h3>Network ACLs of these subnets ({nacls.length})</h3>
      {nacls.length === 0 ? <p className="muted">No member is in a subnet.</p> : nacls.map((n) => <NaclTable key={n.id} nacl={n} />)}
    </div>
  )
}

/** The rules one ingress edge stands for, as the target group lists them. */
function BundledRules({ graph, edgeId, onSelect }: { graph: SecurityGraph; edgeId: string; onSelect: (id: string) => void }) {
  const edge = graph.edges.find((e) => e.id === edgeId)!
  const target = graph.groups.find((g) => g.id === edge.target)
  const rules: SecurityRuleRow[] = target ? target.ingress.filter((r) => edge.ruleIds.includes(r.id)) : []
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id
  return (
    <div data-testid="edge-details">
      <KeyValueTable rows={[['From', name(edge.source)], ['To', name(edge.target)], ['Ports', edge.ports.join(', ')], ...(edge.peeringConnectionId ? [['Peering', edge.peeringConnectionId] as [string, string]] : [])]} />
      <h3>{rules.length} rule{rules.length === 1 ? '' : 's'}</h3>
      <RuleTable rules={rules} direction="ingress" testId="ingress-rules" onPeer={onSelect} />
    </div>
  )
}

/** The groups a source (or a group, as a source) may reach, with the ports. */
function SourceReach({ graph, sourceId, onSelect }: { graph: SecurityGraph; sourceId: string; onSelect: (id: string) => void }) {
  const out = graph.edges.filter((e) => e.kind === 'ingress' && e.source === sourceId)
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id
  if (out.length === 0) return null
  return (
    <>
      <h3>Admitted by {out.length} group{out.length === 1 ? '' : 's'}</h3>
      <table className="grid-table" data-testid="source-reach">
        <thead><tr><th scope="col">Group</th><th scope="col">Ports</th></tr></thead>
        <tbody>
          {out.map((e) => (
            <tr key={e.id}>
              <td><button type="button" className="link" onClick={() => onSelect(e.target)}>{name(e.target)}</button> <span className="mono small">{e.target}</span></td>
              <td className="mono">{e.ports.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
