import { useMemo, useState } from 'react'
import { SEVERITIES, type Severity, type Finding } from '../../../shared/index.ts'
import { getFindings } from '../api/index.ts'
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
  /** A row was clicked: App focuses its resource where it is drawn. */
  onOpen: (finding: Finding) => void
}

const fields = (f: Finding) => ({
  severity: f.severity, check: f.check, title: f.title, resources: f.resourceIds.join(' '), detail: f.detail,
  ports: (f.ports ?? []).map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(' '), sources: (f.sources ?? []).join(' '),
})

/** The version's findings, most severe first: filter, sort, and click a row to see its resource. */
export function FindingsView({ env, version, onOpen }: Props) {
  const report = useAsync(`${env}\n${version}`, (signal) => getFindings(env, version, signal))
  const [query, setQuery] = useState('')
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(new Set())
  const [sort, setSort] = useState<SortState<Column>>({ key: 'severity', dir: 'asc' })
  const all = report.status === 'ready' ? report.data.findings : []
  const rows = useMemo(() => {
    const bySeverity = severities.size === 0 ? all : all.filter((f) => severities.has(f.severity))
    return sortRows(filterRows(bySeverity, query, fields), sort, (f, key) => (key === 'severity' ? SEVERITIES.indexOf(f.severity) : fields(f)[key]))
  }, [all, severities, query, sort])
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
          <span className="counts" data-testid="finding-count">{rows.length === all.length ? `${all.length} findings` : `${rows.length} of ${all.length} findings`}</span>
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
                    onClick={() => onOpen(f)} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(f) }}>
                    <td className="col-severity"><span className={`sev-badge sev-${f.severity}`}>{SEVERITY_WORD[f.severity]}</span></td>
                    <td>
                      <div className="finding-title">{f.title}</div>
                      <div className="small muted">{f.detail}</div>
                    </td>
                    <td className="mono small nowrap">{f.check}</td>
                    <td className="mono small id-cell">{f.resourceIds.join('\n')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length === 0 && <p className="muted">{all.length === 0 ? (report.data.unknown.length ? 'No findings the data can decide in this version.' : 'No findings in this version.') : 'No finding matches.'}</p>}
          </div>
        )}
      </div>
    </div>
  )
}
