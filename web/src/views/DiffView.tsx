import '../components/diff.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { VersionSummary } from '../../../shared/index.ts'
import { getDiff } from '../api/getDiff.ts'
import { getDiffGraph } from '../api/getDiffGraph.ts'
import { ChangeList } from '../components/ChangeList.tsx'
import { DiffAttribution } from '../components/DiffAttribution.tsx'
import { DiffCoverageNotice } from '../components/DiffCoverageNotice.tsx'
import { DiffDetails } from '../components/DiffDetails.tsx'
import { DiffLegend } from '../components/DiffLegend.tsx'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { formatTime } from '../components/formatTime.ts'
import { diffChangeList, type ChangeItem } from '../diagram/diffChangeList.ts'
import { diffElements, isChanged, nodeMarks } from '../diagram/diffElements.ts'
import { layoutGraph } from '../diagram/layout.ts'
import { useCytoscape } from '../diagram/useCytoscape.ts'
import { useAsync } from '../state/useAsync.ts'

interface Props {
  env: string
  versions: VersionSummary[]
  from: string
  to: string
  onPair: (from: string, to: string) => void
}

/**
 * Two versions as one diagram: the union graph through the Infrastructure view's layout, statuses by
 * colour, line style and glyph; the changes listed beside it, security-relevant first; a click on a
 * change focuses and selects what it concerns and explains it, field by field and rule by rule.
 */
export function DiffView({ env, versions, from, to, onPair }: Props) {
  const key = `${env}\n${from}\n${to}`
  // The address bar names the pair shown (the defaults included), so a reload shows the same diff.
  useEffect(() => { onPair(from, to) }, [from, to]) // eslint-disable-line react-hooks/exhaustive-deps
  const diff = useAsync(key, (signal) => getDiff(env, from, to, signal))
  const graph = useAsync(key, (signal) => getDiffGraph(env, from, to, signal))
  const [changesOnly, setChangesOnly] = useState(false)
  const [picked, setPicked] = useState<{ pair: string; item: string | null; node: string | null }>({ pair: key, item: null, node: null })
  const selection = picked.pair === key ? picked : { pair: key, item: null, node: null }
  const [focus, setFocus] = useState<{ id: string; key: number } | null>(null)
  const focusCount = useRef(0)

  const ready = diff.status === 'ready' && graph.status === 'ready' ? { diff: diff.data, graph: graph.data } : null
  const model = useMemo(() => {
    if (!ready) return null
    const layout = layoutGraph(ready.graph)
    const items = diffChangeList(ready.diff, ready.graph)
    return { layout, items, marks: nodeMarks(ready.graph, items) }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready?.diff, ready?.graph])
  const elements = useMemo(
    () => (ready && model ? diffElements(ready.graph, model.layout, model.items, changesOnly) : []),
    [ready?.graph, model, changesOnly], // eslint-disable-line react-hooks/exhaustive-deps
  )

  // A new pair opens on its first change that the diagram draws.
  useEffect(() => {
    const first = model?.items.find((i) => i.targets.length > 0)?.targets[0]
    if (first === undefined) return
    focusCount.current += 1
    setFocus({ id: first, key: focusCount.current })
  }, [model])

  const container = useRef<HTMLDivElement>(null)
  const { fit } = useCytoscape(container, {
    elements,
    selectedId: selection.node,
    onSelect: (id) => setPicked({ pair: key, item: null, node: id }),
    fitKey: key,
    focus,
  })

  const pick = (item: ChangeItem) => {
    const node = item.targets[0] ?? null
    setPicked({ pair: key, item: item.key, node })
    if (node !== null) {
      focusCount.current += 1
      setFocus({ id: node, key: focusCount.current })
    }
  }

  const panel = useMemo(() => {
    if (!ready || !model) return null
    const item = model.items.find((i) => i.key === selection.item)
    const node = selection.node !== null ? ready.graph.nodes.find((n) => n.id === selection.node) : undefined
    if (item) return { title: item.name ?? item.resourceId, subtitle: `${item.kind} · ${item.resourceId}`, items: [item] }
    if (node) {
      const status = model.marks.get(node.id)?.status ?? 'unchanged'
      return { title: node.label, subtitle: `${node.kind} · ${node.id} · ${status}`, items: model.items.filter((i) => i.targets.includes(node.id)) }
    }
    return null
  }, [ready, model, selection.item, selection.node])

  const changedNodes = model ? [...model.marks.values()].filter(isChanged).length : 0
  const s = ready?.diff.summary
  const label = (v: VersionSummary) => `v${v.id} · ${formatTime(v.createdAt)} · ${v.source}`

  return (
    <div className="diff-view" data-testid="diff-view" data-pair={ready ? `${from}:${to}` : ''}>
      <div className="diff-sidebar">
        <div className="diff-pair">
          <label className="diff-pick">
            <span>From</span>
            <select data-testid="diff-from" value={from} onChange={(e) => onPair(e.target.value, to)}>
              {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
            </select>
          </label>
          <label className="diff-pick">
            <span>To</span>
            <select data-testid="diff-to" value={to} onChange={(e) => onPair(from, e.target.value)}>
              {versions.map((v) => <option key={v.id} value={v.id}>{label(v)}</option>)}
            </select>
          </label>
          <button type="button" className="button" onClick={() => onPair(to, from)} title="Swap the two versions">⇄</button>
        </div>
        {s && (
          <p className="diff-counts" data-testid="diff-counts">
            <span className="diff-count-added">+{s.added} added</span> · <span className="diff-count-removed">−{s.removed} removed</span> ·{' '}
            <span className="diff-count-modified">~{s.modified} modified</span> · {s.exposure} exposure · {s.relationships} links
          </p>
        )}
        {ready && <DiffCoverageNotice diff={ready.diff} />}
        {s && <DiffAttribution env={env} from={from} to={to} />}
        {(diff.status === 'loading' || graph.status === 'loading') && <StatusMessage kind="loading" title="Comparing versions…" />}
        {diff.status === 'error' && <StatusMessage kind="error" title="Could not load the diff" message={diff.error.message} />}
        {graph.status === 'error' && <StatusMessage kind="error" title="Could not load the diagram" message={graph.error.message} />}
        {model && <ChangeList items={model.items} selectedKey={selection.item} onPick={pick} />}
      </div>
      <div className="infrastructure">
        <div className="diagram" ref={container} data-testid="diagram" aria-label="Diff diagram" role="img" />
        <div className="diagram-toolbar">
          <span className="counts" data-testid="diff-node-counts">{changedNodes} of {ready?.graph.nodes.length ?? 0} nodes changed</span>
          <label className="toggle">
            <input type="checkbox" data-testid="changes-only" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} />
            Changes only
          </label>
          <button type="button" className="button" onClick={fit}>Fit</button>
        </div>
        <DiffLegend />
      </div>
      {/* Always there, so the diagram keeps its width (and a focused change its place) when one is picked. */}
      {panel && ready ? (
        <DiffDetails title={panel.title} subtitle={panel.subtitle} items={panel.items} diff={ready.diff}
          onClose={() => setPicked({ pair: key, item: null, node: null })} />
      ) : (
        <aside className="side-panel diff-details" data-testid="diff-details-empty" aria-label="Change details">
          <div className="side-panel-body">
            <p className="muted">Pick a change in the list, or click an element of the diagram, to see what changed in it: every field and rule, before and after.</p>
          </div>
        </aside>
      )}
    </div>
  )
}
