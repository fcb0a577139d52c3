import type { Diff, ExposureChange, RelationshipChange, ResourceChange } from '../../../shared/index.ts'
import type { ChangeItem } from '../diagram/diffChangeList.ts'
import { formatValue } from './formatValue.ts'
import { portsText, ruleText } from './ruleText.ts'

interface Props {
  /** The selected diagram element (or the first target of the selected change). */
  title: string
  subtitle: string
  /** The changes to explain, the clicked one first. */
  items: readonly ChangeItem[]
  diff: Diff
  onClose: () => void
}

/** The diff view's side panel: field-level and rule-level before/after of the selected changes. All text, never markup. */
export function DiffDetails({ title, subtitle, items, diff, onClose }: Props) {
  return (
    <aside className="side-panel diff-details" data-testid="diff-details" aria-label="Change details">
      <div className="side-panel-head">
        <div>
          <div className="side-panel-kind">Changes v{diff.from.version} → v{diff.to.version}</div>
          <h2 className="side-panel-title" data-testid="diff-details-title">{title}</h2>
          <div className="side-panel-id">{subtitle}</div>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details">×</button>
      </div>
      <div className="side-panel-body">
        {items.length === 0 && <p className="muted">No change concerns this element between these versions.</p>}
        {items.map((item) => (
          <section key={item.key} className="diff-detail" data-testid="diff-detail" data-change-key={item.key}>
            <h3>
              <span className={`sev-badge sev-${item.severity}`}>{item.severity}</span>{' '}
              {item.change} · {item.kind} <span className="mono">{item.resourceId}</span>{item.name ? ` (${item.name})` : ''}
            </h3>
            {item.group === 'exposure' && <ExposureDetail change={item.source} diff={diff} />}
            {item.group === 'resource' && <ResourceDetail change={item.source} />}
            {item.group === 'relationship' && <RelationshipDetail change={item.source} />}
          </section>
        ))}
      </div>
    </aside>
  )
}

function ExposureDetail({ change, diff }: { change: ExposureChange; diff: Diff }) {
  const causes = change.causes.map((c) => diff.resources.find((r) => r.id === c.resourceId)).filter((r): r is ResourceChange => r !== undefined)
  return (
    <>
      <p className="diff-summary">{change.summary}</p>
      <BeforeAfter rows={[
        { path: 'protocol / ports', before: '', after: `${change.protocol} ${portsText(change.protocol, change.ports.from, change.ports.to)}` },
        { path: 'sources added', before: '', after: listText(change.addedSources) },
        { path: 'sources removed', before: listText(change.removedSources), after: '' },
      ].filter((r) => [r.before, r.after].some((v) => v !== '' && v !== '—'))} />
      {change.causes.length > 0 && <h4>Caused by</h4>}
      <ul className="diff-causes">
        {change.causes.map((c, i) => <li key={i}><span className="mono">{c.resourceId}</span> {c.summary}</li>)}
      </ul>
      {causes.map((r) => <ResourceDetail key={r.id} change={r} />)}
    </>
  )
}

function ResourceDetail({ change }: { change: ResourceChange }) {
  return (
    <>
      {change.rules.length > 0 && (
        <BeforeAfter testId="rule-changes" rows={change.rules.map((r) => ({
          path: `${r.collection} ${r.key}`, before: ruleText(r.collection, r.before), after: ruleText(r.collection, r.after), change: r.change,
        }))} />
      )}
      {change.fields.length > 0 && (
        <BeforeAfter testId="field-changes" rows={change.fields.map((f) => ({ path: f.path, before: formatValue(f.before), after: formatValue(f.after) }))} />
      )}
      {change.rules.length === 0 && change.fields.length === 0 && (
        <p className="muted">{change.change === 'added' ? 'New in this version.' : change.change === 'removed' ? 'Gone in this version.' : 'Links to other resources changed.'}</p>
      )}
    </>
  )
}

function RelationshipDetail({ change }: { change: RelationshipChange }) {
  return (
    <>
      <p className="diff-summary">{change.summary}</p>
      <BeforeAfter rows={[{ path: change.relation, before: listText(change.before), after: listText(change.after) }]} />
    </>
  )
}

const listText = (xs: readonly string[]) => (xs.length === 0 ? '—' : xs.length > 8 ? `${xs.slice(0, 8).join(', ')} … (${xs.length} in all)` : xs.join(', '))

interface Row { path: string; before: string; after: string; change?: string }

/** path / before / after, one row per field or rule. */
function BeforeAfter({ rows, testId }: { rows: Row[]; testId?: string }) {
  return (
    <table className="grid-table diff-table" data-testid={testId ?? 'before-after'}>
      <thead><tr><th scope="col">Path</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.change ? `diff-row-${r.change}` : undefined}>
            <th scope="row" className="mono">{r.path}</th>
            <td className="diff-before">{r.before}</td>
            <td className="diff-after">{r.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
