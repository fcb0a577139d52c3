import '../components/diff.css'
import { useMemo, useState } from 'react'
import { getTimeline } from '../api/getTimeline.ts'
import { StatusMessage } from '../components/StatusMessage.tsx'
import { TimelineChart, TimelineLegend } from '../components/TimelineChart.tsx'
import { formatTime } from '../components/formatTime.ts'
import { orderPair, timelineMarks } from '../components/timelineMarks.ts'
import { useAsync } from '../state/useAsync.ts'

interface Props {
  env: string
  /** Opens the diff view for two versions, older first. */
  onCompare: (from: string, to: string) => void
}

/** Every version of the environment as a chart; click one version, then another, to compare them. */
export function TimelineView({ env, onCompare }: Props) {
  const timeline = useAsync(env, (signal) => getTimeline(env, signal))
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
                <tr key={m.id}>
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
