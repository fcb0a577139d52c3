import type { AcceptanceStatus, PolicyReport, ScopeResult, ScopeViolation } from '../../../shared/index.ts'
import { SEVERITY_WORD } from '../diagram/exposureOverlay.ts'
import { AcceptanceNote, baseName } from './AcceptanceNote.tsx'
import { filterRows } from './tableRows.ts'
import { TraceSteps } from './TraceSteps.tsx'
import './views.css'

interface Props {
  report: PolicyReport
  /** The Findings view's text filter: it narrows the violations too. */
  query: string
  hideAccepted: boolean
  /** "Show in diagram" on a violation: App selects its resource, with the overlay on for an exposure. */
  onOpen: (v: ScopeViolation) => void
}

const violationFields = (v: ScopeViolation & { scopeId: string }) => ({
  severity: v.severity, check: 'SCOPE_VIOLATION', scope: v.scopeId, title: v.title, resources: v.resourceIds.join(' '), detail: v.detail,
  accepted: v.accepted ? `${v.accepted.reason} ${v.accepted.owner}` : '',
})

/**
 * The policy applied to the version (`serve --policy`), above the findings: scope violations, each
 * expandable to the trace that breaks it (every step naming the rule that decided it); scopes that
 * cannot be decided, as unknown with the reason (never as holding); scopes that hold; and the
 * policy's own health, expired and stale acceptances. Reasons and owners are the team's text: text only.
 */
export function PolicyPanel({ report, query, hideAccepted, onOpen }: Props) {
  const all = report.scopes.flatMap((s) => s.violations.map((v) => ({ ...v, scopeId: s.id })))
  const shown = filterRows(hideAccepted ? all.filter((v) => !v.accepted) : all, query, violationFields)
  const accepted = all.filter((v) => v.accepted).length
  const count = (status: ScopeResult['status']) => report.scopes.filter((s) => s.status === status)
  const violated = count('violated'), unknown = count('unknown'), holding = count('holds')
  const expired = report.acceptances.filter((a) => a.status === 'expired')
  const stale = report.acceptances.filter((a) => a.status === 'stale')
  const active = report.acceptances.filter((a) => a.status === 'active')
  const file = baseName(report.file)

  return (
    <section className="policy-panel" data-testid="policy-panel">
      <div className="policy-head" data-testid="policy-summary">
        <strong>Policy</strong> <span className="mono" title={report.file}>{file}</span>
        <span className="muted"> · as of {report.today} (UTC)</span>
        <span> · scopes: {violated.length} violated, {unknown.length} unknown, {holding.length} hold</span>
        <span> · acceptances: {active.length} active, {expired.length} expired, {stale.length} stale</span>
      </div>

      {all.length > 0 && (
        <div className="policy-block">
          <h3 data-testid="violation-count">
            Scope violations ({shown.length === all.length ? all.length : `${shown.length} of ${all.length}`}
            {accepted > 0 ? `; ${accepted} accepted${hideAccepted ? ', hidden' : ''}` : ''})
          </h3>
          {shown.map((v) => <ViolationItem key={v.id} violation={v} scopeId={v.scopeId} file={report.file} onOpen={onOpen} />)}
          {shown.length === 0 && <p className="muted small">No violation matches.</p>}
          {violated.filter((s) => s.truncated).map((s) => (
            <p key={s.id} className="muted small">Scope {s.id}: only the first {s.violations.length} violations are listed.</p>
          ))}
        </div>
      )}

      {unknown.length > 0 && (
        <div className="policy-block">
          <h3>Scopes that cannot be decided ({unknown.length})</h3>
          {unknown.map((s) => (
            <div key={s.id} className="scope-unknown small" data-testid="scope-unknown" data-scope={s.id}>
              <div>
                <span className="tag tag-unknown">UNKNOWN</span> <span className="mono">{s.id}</span> <span className="muted">{s.kind} · {file}:{s.line}</span>
                {s.description !== undefined && <span> — {s.description}</span>}
              </div>
              <ul>{s.unknown.map((why, i) => <li key={i}>{why}</li>)}</ul>
            </div>
          ))}
        </div>
      )}

      {holding.length > 0 && (
        <p className="small policy-block" data-testid="scopes-holding">
          <span className="tag tag-holds">HOLDS</span>{' '}
          {holding.map((s, i) => <span key={s.id}>{i > 0 ? ', ' : ''}<span className="mono">{s.id}</span></span>)}
        </p>
      )}

      {(expired.length > 0 || stale.length > 0) && (
        <div className="policy-block">
          <h3>Acceptances to review ({expired.length + stale.length})</h3>
          {expired.map((a) => <AcceptanceHealth key={a.index} acceptance={a} file={file} />)}
          {stale.map((a) => <AcceptanceHealth key={a.index} acceptance={a} file={file} />)}
        </div>
      )}
    </section>
  )
}

function ViolationItem({ violation: v, scopeId, file, onOpen }: { violation: ScopeViolation; scopeId: string; file: string; onOpen: (v: ScopeViolation) => void }) {
  return (
    <details className={`exposure-item violation sev-${v.severity}${v.accepted ? ' exposure-accepted' : ''}`} data-testid="scope-violation"
      data-id={v.id} data-scope={scopeId} data-accepted={v.accepted ? 'true' : undefined}>
      <summary>
        <span className={`sev-badge sev-${v.severity}`}>{SEVERITY_WORD[v.severity]}</span>
        <span className="mono small">SCOPE_VIOLATION</span>
        <span className="mono">{scopeId}</span>
        <span className="finding-title">{v.title}</span>
        {v.accepted && <span className="accepted-badge">Accepted</span>}
      </summary>
      {v.accepted && <AcceptanceNote mark={v.accepted} file={file} badge={false} />}
      <div className="small">{v.detail}</div>
      <div className="small">
        <span className="mono">{v.resourceIds.join(', ')}</span>{' '}
        <button type="button" className="link" data-testid="violation-show" onClick={() => onOpen(v)}>show in diagram</button>
      </div>
      <TraceSteps steps={v.trace} />
    </details>
  )
}

function AcceptanceHealth({ acceptance: a, file }: { acceptance: AcceptanceStatus; file: string }) {
  const n = a.matched.length
  return (
    <div className={`acceptance-health acceptance-${a.status} small`} data-testid={`acceptance-${a.status}`} data-line={a.line}>
      <div>
        <span className={`tag tag-${a.status}`}>{a.status === 'expired' ? 'EXPIRED' : 'STALE'}</span>{' '}
        <span className="mono">{file}:{a.line}</span>{' '}
        <span className="mono">{a.matches}</span>
        <span className="muted"> · owner {a.owner}{a.expires ? ` · expired after ${a.expires}` : ''}</span>
      </div>
      <div>
        {a.status === 'expired'
          ? (n > 0 ? `${n} item(s) no longer accepted` : 'matches nothing in this version any more')
          : 'matches nothing in this version: remove it, or fix what it names'}
        <span className="muted"> — {a.reason}</span>
      </div>
    </div>
  )
}
