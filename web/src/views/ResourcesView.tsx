import { useMemo, useState } from 'react'
import type { ResourceSummary } from '../../../shared/index.ts'
import { getResourceList } from '../api/index.ts'
import { SidePanel } from '../components/SidePanel.tsx'
import { SortHeader } from '../components/SortHeader.tsx'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { filterRows, sortRows, type SortState } from '../components/tableRows.ts'
import { typeTag } from '../diagram/typeTag.ts'
import { useAsync } from '../state/useAsync.ts'
import '../components/views.css'

type Column = 'kind' | 'name' | 'id' | 'vpc' | 'facts' | 'drawn'

interface Props {
  env: string
  version: string
  /** Ids the Infrastructure diagram draws. */
  drawn: ReadonlySet<string>
  selectedId: string | null
  /** A row was clicked. */
  onOpen: (resource: ResourceSummary) => void
  onClose: () => void
}

/** Above this many rows the table shows the first ones and asks for a narrower filter. */
const MAX_ROWS = 1000

/** Facts as one line; tags (JSON, for the filter) are left out of what is shown. */
const factsText = (r: ResourceSummary, all = false) => Object.entries(r.facts).filter(([k]) => all || k !== 'tags').map(([k, v]) => `${k}: ${v}`).join(' · ')
const fields = (r: ResourceSummary) => ({ kind: r.kind, name: r.name ?? '', id: r.id, vpc: r.vpcId ?? '', facts: factsText(r, true), account: r.account, region: r.region })

/**
 * Every resource of the version, including the kinds the diagram does not draw (security groups,
 * route tables, NACLs, prefix lists, listeners, target groups, Elastic IPs…): filter, sort, click.
 */
export function ResourcesView({ env, version, drawn, selectedId, onOpen, onClose }: Props) {
  const list = useAsync(`${env}\n${version}`, (signal) => getResourceList(env, version, signal))
  const [query, setQuery] = useState('')
  const [kind, setKind] = useState('')
  const [sort, setSort] = useState<SortState<Column>>({ key: 'kind', dir: 'asc' })
  const all = list.status === 'ready' ? list.data : []
  const kinds = useMemo(() => {
    const c = new Map<string, number>()
    for (const r of all) c.set(r.kind, (c.get(r.kind) ?? 0) + 1)
    return [...c.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  }, [all])
  const rows = useMemo(() => {
    const filtered = filterRows(kind === '' ? all : all.filter((r) => r.kind === kind), query, fields)
    return sortRows(filtered, sort, (r, key) => (key === 'drawn' ? (drawn.has(r.id) ? 0 : 1) : key === 'kind' ? `${r.kind}\u0000${r.name ?? ''}\u0000${r.id}` : fields(r)[key]))
  }, [all, kind, query, sort, drawn])
  const selected = selectedId === null ? undefined : all.find((r) => r.id === selectedId)

  return (
    <div className="workspace" data-testid="resources-workspace">
      <div className="list-view">
        <div className="list-toolbar">
          <input type="search" className="filter" placeholder="Filter: id, name, CIDR, IP… or kind:subnet vpc:vpc-0a" value={query}
            onChange={(e) => setQuery(e.target.value)} data-testid="resource-filter" aria-label="Filter resources" />
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="resource-kind" aria-label="Kind">
            <option value="">All kinds</option>
            {kinds.map(([k, n]) => <option key={k} value={k}>{k} ({n})</option>)}
          </select>
          <span className="counts" data-testid="resource-count" data-total={all.length} data-shown={rows.length}>
            {rows.length === all.length ? `${all.length} resources` : `${rows.length} of ${all.length} resources`}
          </span>
        </div>
        {list.status === 'loading' && <StatusMessage kind="loading" title="Loading resources…" />}
        {list.status === 'error' && <StatusMessage kind="error" title="Could not load the resources" message={list.error.message} />}
        {list.status === 'ready' && (
          <div className="table-scroll">
            <table className="grid-table list-table" data-testid="resource-table">
              <thead>
                <tr>
                  <SortHeader label="Kind" column="kind" sort={sort} onSort={setSort} />
                  <SortHeader label="Name" column="name" sort={sort} onSort={setSort} />
                  <SortHeader label="Id" column="id" sort={sort} onSort={setSort} />
                  <SortHeader label="VPC" column="vpc" sort={sort} onSort={setSort} />
                  <SortHeader label="Facts" column="facts" sort={sort} onSort={setSort} />
                  <SortHeader label="In diagram" column="drawn" sort={sort} onSort={setSort} />
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, MAX_ROWS).map((r) => (
                  <tr key={r.id} data-testid="resource-row" data-id={r.id} tabIndex={0}
                    className={r.id === selectedId ? 'row-selected' : undefined}
                    onClick={() => onOpen(r)} onKeyDown={(e) => { if (e.key === 'Enter') onOpen(r) }}>
                    <td className="nowrap"><span className="tag">{typeTag({ kind: r.kind, details: { type: r.facts.type ?? '' } })}</span> <span className="small muted">{r.kind}</span></td>
                    <td>{r.name ?? ''}</td>
                    <td className="mono small id-cell">{r.id}</td>
                    <td className="mono small nowrap">{r.vpcId ?? ''}</td>
                    <td className="small">{factsText(r)}</td>
                    <td className="nowrap">{drawn.has(r.id) ? '◉ yes' : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {rows.length > MAX_ROWS && <p className="muted">Showing the first {MAX_ROWS} of {rows.length}: narrow the filter to see the rest.</p>}
            {rows.length === 0 && <p className="muted">No resource matches.</p>}
          </div>
        )}
      </div>
      {selectedId !== null && (
        <SidePanel env={env} version={version} onClose={onClose}
          selected={{ id: selectedId, group: 'node', kind: selected?.kind ?? 'resource', label: selected?.name ?? selectedId, resourceId: selectedId, details: selected?.facts ?? {} }} />
      )}
    </div>
  )
}
