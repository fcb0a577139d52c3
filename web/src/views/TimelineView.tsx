import '../components/diff.css'
import '../components/live.css'
import { useEffect, useMemo, useState } from 'react'
import { resolveVersion, VersionSpecError } from '../../../shared/index.ts'
import { getTimeline } from '../api/getTimeline.ts'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { TimelineChart, TimelineLegend } from '../components/TimelineChart.tsx'
import { formatTime } from '../components/formatTime.ts'
import { orderPair, timelineMarks } from '../components/timelineMarks.ts'
import { useReloadable } from '../state/useReloadable.ts'

interface Props {
  env: string
  /** Opens the diff view for two versions, older first. */
  onCompare: (from: string, to: string) => void
  /** The environment's latest version as last polled: a new one reloads the timeline in place. */
  latest?: string | null
}

/** Every version of the environment as a chart; click one version, then another, to compare them. */
export function TimelineView({ env, onCompare, latest = null }: Props) {
  const [timeline, reload] = useReloadable(env, (signal) => getTimeline(env, signal))
  const shownLatest = timeline.status === 'ready' ? timeline.data.versions.at(-1)?.id : undefined
  useEffect(() => {
    if (latest !== null && shownLatest !== undefined && latest !== shownLatest) reload().catch(() => {})
  }, [latest, shownLatest, reload])
  const marks = useMemo(() => (timeline.status === 'ready' ? timelineMarks(timeline.data.versions) : []), [timeline])
  const [first, setFirst] = useState<{ env: string; id: string } | null>(null)
  const picked = first !== null && first.env === env ? [first.id] : []

  const pick = (id: string) => {
    if (picked.length === 0 || picked[0] === id) {
      setFirst(picked[0] === id ? null : { env, id })
      return
    }
    setFirst(null)
    const { from, to } = orderPair(picked[0], id)
    onCompare(from, to)
  }

  // A time picks the version current then, like a click on it (shared/resolveVersion.ts: the CLI's rules).
  const [at, setAt] = useState('')
  const [atResult, setAtResult] = useState<{ ok: boolean; text: string } | null>(null)
  const pickAt = () => {
    if (timeline.status !== 'ready') return
    try {
      const r = resolveVersion(at, timeline.data.versions, Date.now())
      const id = r.id === 'latest' ? timeline.data.versions.at(-1)!.id : r.id
      const v = timeline.data.versions.find((x) => x.id === id)
      if (!v) { setAtResult({ ok: false, text: `There is no version ${id}` }); return }
      setAtResult({ ok: true, text: `${r.at ? formatTime(r.at) : at}: v${id}, recorded ${formatTime(v.createdAt)}${r.afterLastCheck ? ' (later than its last check)' : ''}` })
      pick(id)
    } catch (e) {
      setAtResult({ ok: false, text: e instanceof VersionSpecError ? e.message : String(e) })
    }
  }

  return (
    <div className="timeline-view" data-testid="timeline-view">
      {timeline.status === 'loading' && <StatusMessage kind="loading" title="Loading the timeline…" />}
      {timeline.status === 'error' && <StatusMessage kind="error" title="Could not load the timeline" message={timeline.error.message} />}
      {timeline.status === 'ready' && (
        <>
          <div className="timeline-head">
            <h2>Versions of {env}</h2>
            <p className="muted" data-testid="timeline-hint">
              {picked.length === 0
                ? 'Click a version, then another, to see what changed between them. Each mark is the most severe change against the version before it.'
                : `v${picked[0]} picked: click another version to compare (click v${picked[0]} again to cancel).`}
            </p>
          </div>
          <form className="timeline-at" data-testid="timeline-at" onSubmit={(e) => { e.preventDefault(); pickAt() }}>
            <label htmlFor="timeline-at-input">Version at</label>
            <input id="timeline-at-input" data-testid="timeline-at-input" value={at} onChange={(e) => setAt(e.target.value)}
              placeholder="2026-11-28T02:10Z or 2h ago" spellCheck={false} autoComplete="off" />
            <button type="submit">Pick</button>
            {atResult && (
              <span className={atResult.ok ? 'timeline-at-result' : 'timeline-at-error'} data-testid="timeline-at-result" role={atResult.ok ? 'status' : 'alert'}>
                {atResult.text}
              </span>
            )}
          </form>
          <TimelineChart marks={marks} picked={picked} onPick={pick} />
          <TimelineLegend />
          <table className="grid-table timeline-table" data-testid="timeline-table">
            <thead>
              <tr>
                <th scope="col">Version</th><th scope="col">Time</th><th scope="col">Source</th><th scope="col">Resources</th>
                <th scope="col">Added</th><th scope="col">Removed</th><th scope="col">Modified</th><th scope="col">Exposure</th><th scope="col">Highest</th><th scope="col" />
              </tr>
            </thead>
            <tbody>
              {[...marks].reverse().map((m) => (
                <tr key={m.id} className={picked.includes(m.id) ? 'timeline-picked' : undefined} data-version={m.id}>
                  <td className="mono">v{m.id}</td>
                  <td>{formatTime(m.createdAt)}</td>
                  <td>{m.source}</td>
                  <td>{m.resources}</td>
                  <td>{m.level === 'first' ? '—' : `+${m.added}`}</td>
                  <td>{m.level === 'first' ? '—' : `−${m.removed}`}</td>
                  <td>{m.level === 'first' ? '—' : `~${m.modified}`}</td>
                  <td>{m.level === 'first' ? '—' : m.exposure}</td>
                  <td>{m.level === 'first' || m.level === 'none' ? '—' : <span className={`sev-badge sev-${m.level}`}>{m.level}</span>}</td>
                  <td>
                    {m.parent !== null && m.level !== 'first' && (
                      <button type="button" className="link" data-testid="compare-parent" onClick={() => onCompare(m.parent!, m.id)}>
                        diff vs v{m.parent}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
