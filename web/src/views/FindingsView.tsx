import { useMemo, useState } from 'react'
import { SEVERITIES, type Severity, type Finding, type ServedPolicy } from '../../../shared/index.ts'
import { getFindings, getPolicyReport } from '../api/index.ts'
import { AcceptanceNote } from '../components/AcceptanceNote.tsx'
import { PolicyPanel } from '../components/PolicyPanel.tsx'
import { SortHeader } from '../components/SortHeader.tsx'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { filterRows, sortRows, type SortState } from '../components/tableRows.ts'
import { SEVERITY_WORD } from '../diagram/exposureOverlay.ts'
import { useAsync } from '../state/useAsync.ts'
import '../components/views.css'

type Column = 'severity' | 'title' | 'check' | 'resources'

interface Props {
  env: string
  version: string
  /** A row (or a scope violation's "show in diagram") was clicked: App focuses its resource where it is drawn. */
  onOpen: (finding: Pick<Finding, 'resourceIds' | 'exposureIds'>) => void
  /** The policy the server applies (`serve --policy`), or null: then nothing about acceptance is shown. */
  policy: ServedPolicy | null
  /** "Hide accepted" (accepted=hide in the URL, shared with the exposure overlay). */
  hideAccepted: boolean
  onHideAccepted: (hide: boolean) => void
}

const fields = (f: Finding) => ({
  severity: f.severity, check: f.check, title: f.title, resources: f.resourceIds.join(' '), detail: f.detail,
  ports: (f.ports ?? []).map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(' '), sources: (f.sources ?? []).join(' '),
  accepted: f.accepted ? `${f.accepted.reason} ${f.accepted.owner}` : '',
})

/**
 * The version's findings, most severe first: filter, sort, and click a row to see its resource. With
 * a policy, accepted findings carry their acceptance (and can be hidden), and the policy's scope
 * violations, undecidable scopes and expired or stale acceptances are listed above them.
 */
export function FindingsView({ env, version, onOpen, policy, hideAccepted, onHideAccepted }: Props) {
  const report = useAsync(`${env}\n${version}`, (signal) => getFindings(env, version, signal))
  const policyReport = useAsync(policy ? `${env}\n${version}` : null, (signal) => getPolicyReport(env, version, signal))
  const [query, setQuery] = useState('')
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(new Set())
  const [sort, setSort] = useState<SortState<Column>>({ key: 'severity', dir: 'asc' })
  const all = report.status === 'ready' ? report.data.findings : []
  const rows = useMemo(() => {
    const bySeverity = severities.size === 0 ? all : all.filter((f) => severities.has(f.severity))
    const shown = hideAccepted ? bySeverity.filter((f) => !f.accepted) : bySeverity
    return sortRows(filterRows(shown, query, fields), sort, (f, key) => (key === 'severity' ? SEVERITIES.indexOf(f.severity) : fields(f)[key]))
  }, [all, severities, query, sort, hideAccepted])
  const acceptedCount = useMemo(() => all.filter((f) => f.accepted).length, [all])
  const countText = (rows.length === all.length ? `${all.length} findings` : `${rows.length} of ${all.length} findings`)
    + (policy && acceptedCount > 0 ? ` · ${acceptedCount} accepted${hideAccepted ? ' (hidden)' : ''}` : '')
  const toggle = (s: Severity) => setSeverities((prev) => {
    const next = new Set(prev)
    if (next.has(s)) next.delete(s)
    else next.add(s)
    return next
  })

  return (
    <div className="workspace" data-testid="findings-workspace">
      <div className="list-view">
        <div className="list-toolbar">
          {report.status === 'ready' && SEVERITIES.map((s) => (
            <button key={s} type="button" className={`chip sev-${s}${severities.has(s) ? ' chip-on' : ''}`} aria-pressed={severities.has(s)}
              data-testid={`severity-${s}`} onClick={() => toggle(s)}>
              <span className={`sev-badge sev-${s}`}>{SEVERITY_WORD[s]}</span> {report.data.counts[s]}
            </button>
          ))}
          <input type="search" className="filter" placeholder="Filter: check, title, resource id, port…" value={query}
            onChange={(e) => setQuery(e.target.value)} data-testid="finding-filter" aria-label="Filter findings" />
          {policy && (
            <label className="toggle" title="Leave out what the policy accepts; also in the exposure overlay">
              <input type="checkbox" data-testid="toggle-hide-accepted" checked={hideAccepted} onChange={(e) => onHideAccepted(e.target.checked)} />
              Hide accepted
            </label>
          )}
          <span className="counts" data-testid="finding-count">{countText}</span>
        </div>
        {report.status === 'loading' && <StatusMessage kind="loading" title="Analysing this version…" />}
        {report.status === 'error' && <StatusMessage kind="error" title="Could not load the findings" message={report.error.message} />}
        {report.status === 'ready' && report.data.unknown.length > 0 && (
          <details className="exposure-unknown small" data-testid="findings-unknown">
            <summary>{report.data.unknown.length} verdict(s) unknown: the data to decide them is missing (these checks are not reported as clean)</summary>
            <ul>{report.data.unknown.map((u) => <li key={u.id} data-testid="unknown-row"><span className="mono">{u.check}</span> {u.detail} <span className="muted">(worst case {u.worstCase})</span></li>)}</ul>
          </details>
        )}
        {report.status === 'ready' && (
          <div className="table-scroll">
            {policyReport.status === 'loading' && <StatusMessage kind="loading" title="Applying the policy…" />}
            {policyReport.status === 'error' && <StatusMessage kind="error" title="Could not load the policy report" message={policyReport.error.message} />}
            {policyReport.status === 'ready' && (
              <PolicyPanel report={policyReport.data} query={query} hideAccepted={hideAccepted}
                onOpen={(v) => onOpen({ resourceIds: v.resourceIds, exposureIds: v.exposureId !== undefined ? [v.exposureId] : [] })} />
            )}
            <table className="grid-table list-table" data-testid="finding-table">
              <thead>
                <tr>
                  <SortHeader label="Severity" column="severity" sort={sort} onSort={setSort} />
                  <SortHeader label="Finding" column="title" sort={sort} onSort={setSort} />
                  <SortHeader label="Check" column="check" sort={sort} onSort={setSort} />
                  <SortHeader label="Resources" column="resources" sort={sort} onSort={setSort} />
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.id} data-testid="finding-row" data-id={f.id} data-resource={f.resourceIds[0] ?? ''} tabIndex={0}
                    className={f.accepted ? 'row-accepted' : undefined} data-accepted={f.accepted ? 'true' : undefined}
                    onClick={() => onOpen(f)} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(f) }}>
                    <td className="col-severity"><span className={`sev-badge sev-${f.severity}`}>{SEVERITY_WORD[f.severity]}</span></td>
                    <td>
                      <div className="finding-title">{f.title}</div>
                      <div className="small muted">{f.detail}</div>
                      {f.accepted && <AcceptanceNote mark={f.accepted} file={policy?.file} />}
                    </td>
                    <td className="mono small nowrap">{f.check}</td>
                    <td className="mono small id-cell">{f.resourceIds.join('\n')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 && <p className="muted">{all.length === 0 ? (report.data.unknown.length ? 'No findings the data can decide in this version.' : 'No findings in this version.') : hideAccepted && acceptedCount > 0 ? 'No finding matches (accepted findings are hidden).' : 'No finding matches.'}</p>}
          </div>
        )}
      </div>
    </div>
  )
}
