import type { Blocked, Exposure, ExposureReport } from '../../../shared/index.ts'
import { exposurePorts, exposureSubjects, SEVERITY_WORD } from '../diagram/exposureOverlay.ts'
import { sourcesText } from '../../../shared/network/index.ts'
import { AcceptanceNote } from './AcceptanceNote.tsx'
import { TRACE_CHECK_NAMES, TraceSteps } from './TraceSteps.tsx'
import './views.css'

interface Props { report: ExposureReport; elementId: string }

/**
 * Why the selected element is (or is not) reachable from the internet: each exposure with its trace
 * as an ordered list (address, route, NACL rules, security-group rule ids, load balancer hop), and for
 * open security-group rules that do not get through, the first layer that blocks them.
 */
export function ExposureTrace({ report, elementId }: Props) {
  const exposures = report.exposures.filter((e) => exposureSubjects(e).includes(elementId))
  // Opened at first: the first exposure a policy does not accept (what still needs a look), else the first.
  const opened = exposures.find((e) => !e.accepted) ?? exposures[0]
  const accepted = exposures.filter((e) => e.accepted).length
  const blocked = report.blocked.filter((b) => b.eni === elementId || b.resource === elementId)
  const unknown = report.unknown.filter((u) => u.resourceIds.includes(elementId))
  if (unknown.length > 0 && exposures.length === 0) {
    return (
      <section className="exposure" data-testid="exposure-trace" data-exposed="unknown">
        <h3>Internet exposure: unknown</h3>
        {unknown.map((u) => (
          <div key={u.id} className="exposure-unknown small" data-testid="exposure-unknown">
            <div>{u.detail}</div>
            <div className="muted">Worst case if the missing data allows it: {u.worstCase}</div>
          </div>
        ))}
      </section>
    )
  }
  if (exposures.length === 0 && blocked.length === 0) {
    return <section className="exposure" data-testid="exposure-trace" data-exposed="false"><h3>Internet exposure</h3><p className="muted">Not reachable from the internet, and no security group rule admits internet sources.</p></section>
  }
  return (
    <section className="exposure" data-testid="exposure-trace" data-exposed={exposures.length > 0 ? 'true' : 'false'}>
      <h3>Internet exposure ({exposures.length}{accepted > 0 ? `, ${accepted} accepted by the policy` : ''})</h3>
      {exposures.length === 0 && <p className="muted">Not reachable from the internet.</p>}
      {exposures.map((e) => <ExposureItem key={e.id} exposure={e} open={e === opened} />)}
      {blocked.length > 0 && (
        <>
          <h3>Open in a security group, but blocked ({blocked.length})</h3>
          {blocked.map((b, i) => <BlockedItem key={`${b.eni}:${b.via}:${b.protocol}:${b.ports.join('-')}:${i}`} blocked={b} />)}
        </>
      )}
    </section>
  )
}

/** The whole internet as `0.0.0.0/0 (the internet)`, few CIDRs as they are, many cut short (the full list is in the item). */
const sourceSummary = (sources: string[]) => sourcesText(sources)

function ExposureItem({ exposure: e, open }: { exposure: Exposure; open: boolean }) {
  const via = e.lb ? `via ${e.lb.loadBalancerArn.split('/').slice(-2, -1)[0] ?? 'load balancer'}:${e.lb.listenerPort}` : 'direct'
  return (
    <details className={`exposure-item sev-${e.severity}${e.accepted ? ' exposure-accepted' : ''}`} open={open} data-testid="exposure-item" data-exposure-id={e.id}
      data-accepted={e.accepted ? 'true' : undefined}>
      <summary>
        <span className={`sev-badge sev-${e.severity}`}>{SEVERITY_WORD[e.severity]}</span>
        <span className="mono">{exposurePorts(e)}</span>
        <span className="muted">{via}{e.completeness === 'partial' ? ' · partial' : ''}</span>
        {e.accepted && <span className="accepted-badge">Accepted</span>}
      </summary>
      {e.accepted && <AcceptanceNote mark={e.accepted} badge={false} />}
      <div className="small" data-testid="exposure-sources">from {sourceSummary(e.sources)}</div>
      {e.sources.length > 3 && (
        <details className="small sources-list"><summary>All {e.sources.length} source CIDRs</summary><span className="mono">{e.sources.join(', ')}</span></details>
      )}
      <div className="muted small">Interface <span className="mono">{e.eni}</span>{e.resource ? <> of <span className="mono">{e.resource}</span></> : null}</div>
      <TraceSteps steps={e.trace} />
      {e.completeness === 'partial' && e.clientFamilies && (
        <p className="muted small">Only clients whose ephemeral ports are allowed back get through: {e.clientFamilies.join(', ') || 'none fully'}.</p>
      )}
      {e.caveats.map((c) => <p key={c.code} className="caveat small">⚠ {c.message}</p>)}
    </details>
  )
}

function BlockedItem({ blocked: b }: { blocked: Blocked }) {
  return (
    <div className="blocked-item" data-testid="blocked-item">
      <div>
        <span className="mono">{exposurePorts(b)}</span> from {sourceSummary(b.sources)}
        <span className="muted"> · admitted by </span><span className="mono small">{b.securityGroupRuleIds.join(', ')}</span>
      </div>
      <div className="blocked-by">
        <span className="verdict verdict-deny">✕ blocked by {TRACE_CHECK_NAMES[b.blockedBy.check] ?? b.blockedBy.check}</span>
        <span className="mono small"> {b.blockedBy.component.id}</span>
        <div className="trace-summary">{b.blockedBy.summary}</div>
      </div>
    </div>
  )
}
