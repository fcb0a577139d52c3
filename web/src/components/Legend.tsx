import type { ReactNode } from 'react'
import { EDGE_COLOURS, KIND_COLOURS, TIER_COLOURS } from '../diagram/stylesheet.ts'
import { typeTag } from '../diagram/typeTag.ts'

const KINDS: [string, string, Record<string, string>][] = [
  ['instance', 'EC2 instance', {}],
  ['network-interface', 'Network interface', {}],
  ['nat-gateway', 'NAT gateway', {}],
  ['load-balancer', 'Load balancer', { type: 'application' }],
  ['vpc-endpoint', 'VPC endpoint', {}],
  ['internet-gateway', 'Internet gateway', {}],
]
const EDGES: [string, string][] = [
  ['peering', 'VPC peering'],
  ['lb-target', 'Load balancer target'],
  ['route', 'Default route'],
  ['interface-of', 'Interface of'],
]

/** The key to the diagram's colours, drawn from the stylesheet's own palette. */
export function Legend({ children }: { children?: ReactNode }) {
  return (
    <section className="legend" aria-label="Legend" data-testid="legend">
      <div className="legend-group">
        {(['public', 'private', 'isolated'] as const).map((tier) => (
          <span className="legend-item" key={tier}>
            <span className="swatch swatch-box" style={{ background: TIER_COLOURS[tier].fill, borderColor: TIER_COLOURS[tier].border }} />
            {tier} subnet
          </span>
        ))}
      </div>
      <div className="legend-group">
        {KINDS.map(([kind, name, details]) => (
          <span className="legend-item" key={kind}>
            <span className="swatch swatch-tag" style={{ background: KIND_COLOURS[kind].fill, borderColor: KIND_COLOURS[kind].border, color: KIND_COLOURS[kind].text }}>
              {kind === 'load-balancer' ? 'ALB/NLB' : typeTag({ kind: kind as never, details })}
            </span>
            {name}
          </span>
        ))}
      </div>
      <div className="legend-group">
        {EDGES.map(([kind, name]) => (
          <span className="legend-item" key={kind}>
            <span className={`swatch swatch-line swatch-line-${kind}`} style={{ background: EDGE_COLOURS[kind] }} />
            {name}
          </span>
        ))}
      </div>
      {children}
    </section>
  )
}
