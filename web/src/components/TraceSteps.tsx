import type { RuleRef, TraceStep } from '../../../shared/index.ts'
import './views.css'

/** The layer a trace step checked, as people name it. */
export const TRACE_CHECK_NAMES: Record<string, string> = {
  address: 'Public address', bpa: 'Block Public Access', igw: 'Internet gateway', 'ingress-routing': 'Gateway route table',
  route: 'Route (replies)', 'nacl-in': 'Network ACL, inbound', 'nacl-out': 'Network ACL, outbound (replies)',
  sg: 'Security group', 'sg-egress': 'Security group egress', 'lb-listener': 'Load balancer listener',
  'lb-sg-egress': 'Load balancer egress', 'target-sg': "Target's security group", 'lb-target': 'Load balancer target',
  peering: 'Peering',
}

/** The rule a step cites, as a short line: `sgr-… (0.0.0.0/0)`, `acl-… rule 120 allow 0.0.0.0/0`… */
export function traceRuleText(r: RuleRef): string {
  switch (r.kind) {
    case 'sg-rule': return `${r.groupId} rule ${r.securityGroupRuleId} (${r.direction} ${r.peer})`
    case 'nacl-entry': return `${r.naclId} rule ${r.ruleNumber >= 32767 ? '*' : r.ruleNumber} ${r.action} ${r.cidr} (${r.egress ? 'outbound' : 'inbound'})`
    case 'route': return `${r.routeTableId}: ${r.destination} → ${r.target} (${r.state})`
    case 'address': return r.addresses.map((a) => `${a.public} → ${a.private}`).join(', ')
    case 'listener': return `listener ${r.protocol}:${r.port}${r.ruleArn ? ' (rule)' : ''} → ${r.targetGroupArn.split(':').pop()}`
    case 'target': return `target ${r.targetId}:${r.port}${r.ip ? ` (${r.ip})` : ''}`
  }
}

/**
 * A path step by step, as an ordered list: each step's layer, the component checked, its verdict,
 * the one-sentence summary and the rule(s) that decided it. Used for exposures (side panel) and for
 * scope violations (Findings).
 */
export function TraceSteps({ steps }: { steps: readonly TraceStep[] }) {
  return (
    <ol className="trace" data-testid="trace-steps">
      {steps.map((s) => <TraceLine key={s.seq} step={s} />)}
    </ol>
  )
}

function TraceLine({ step }: { step: TraceStep }) {
  const refs = [step.ruleRef, ...(step.moreRuleRefs ?? [])].filter((r): r is RuleRef => r !== undefined)
  return (
    <li className={`trace-step step-${step.verdict}`} data-testid="trace-step" data-check={step.check}>
      <div>
        <span className={`verdict verdict-${step.verdict}`}>{step.verdict === 'allow' ? '✓ allow' : step.verdict === 'deny' ? '✕ deny' : '◐ partial'}</span>
        <strong> {TRACE_CHECK_NAMES[step.check] ?? step.check}</strong>
        <span className="mono small"> {step.component.id}</span>
      </div>
      <div className="trace-summary">{step.summary}</div>
      {refs.map((r, i) => <div key={i} className="mono small trace-rule">{traceRuleText(r)}</div>)}
      {step.code !== undefined && <div className="muted small">{step.code}</div>}
    </li>
  )
}
