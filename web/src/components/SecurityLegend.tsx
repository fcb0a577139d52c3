import { PEERED_EDGE, SECURITY_EDGE_COLOURS, SECURITY_NODE_COLOURS } from '../diagram/securityStylesheet.ts'

const NODES: [string, string][] = [
  ['security-group', 'Security group'],
  ['internet', 'Internet'],
  ['cidr', 'CIDR block'],
  ['prefix-list', 'Prefix list'],
  ['external-group', 'Group not collected'],
]
const EDGES: [string, string][] = [
  ['internet', 'from the internet'],
  ['security-group', 'from a group'],
  ['cidr', 'from a CIDR'],
  ['prefix-list', 'from a prefix list'],
]

/** The key to the Security view, drawn from its stylesheet's palette. */
export function SecurityLegend() {
  return (
    <section className="legend" aria-label="Legend" data-testid="security-legend">
      <div className="legend-group">
        {NODES.map(([kind, name]) => (
          <span className="legend-item" key={kind}>
            <span className="swatch swatch-box" style={{ background: SECURITY_NODE_COLOURS[kind].fill, borderColor: SECURITY_NODE_COLOURS[kind].border }} />
            {name}
          </span>
        ))}
      </div>
      <div className="legend-group">
        {EDGES.map(([kind, name]) => (
          <span className="legend-item" key={kind}>
            <span className="swatch swatch-line" style={{ background: SECURITY_EDGE_COLOURS[kind] }} />
            {name}
          </span>
        ))}
        <span className="legend-item">
          <span className="swatch swatch-line" style={{ background: PEERED_EDGE, height: 3 }} />
          across peering
        </span>
        <span className="legend-item">arrow: allowed inbound · label: ports</span>
      </div>
    </section>
  )
}
