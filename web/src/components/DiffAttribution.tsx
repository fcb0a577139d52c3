import { useState } from 'react'
import type { Attribution } from '../../../shared/index.ts'
import { getAttribution } from '../api/getAttribution.ts'
import { getReportFile } from '../api/getReportFile.ts'
import { downloadFile } from '../export/downloadFile.ts'
import { StatusMessage } from './StatusMessage.tsx'
import { formatTime } from './formatTime.ts'

interface Props { env: string; from: string; to: string }

type Lookup = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; data: Attribution } | { status: 'error'; message: string }

/**
 * Who made the changes of this pair (AWS CloudTrail, asked only on request: it is slow and needs a
 * server started with --attribute), and the incident report to download. Every string from AWS is
 * rendered as text.
 */
export function DiffAttribution({ env, from, to }: Props) {
  const pair = `${env}\n${from}\n${to}`
  const [lookup, setLookup] = useState<{ pair: string; state: Lookup }>({ pair, state: { status: 'idle' } })
  const [report, setReport] = useState<string | null>(null)
  const state = lookup.pair === pair ? lookup.state : { status: 'idle' as const }

  const ask = () => {
    setLookup({ pair, state: { status: 'loading' } })
    getAttribution(env, from, to).then(
      (data) => setLookup((l) => (l.pair === pair ? { pair, state: { status: 'ready', data } } : l)),
      (e: Error) => setLookup((l) => (l.pair === pair ? { pair, state: { status: 'error', message: e.message } } : l)),
    )
  }
  const download = () => {
    setReport('Preparing the report…')
    getReportFile(env, from, to, state.status === 'ready').then(
      ({ name, blob }) => { downloadFile(name, blob); setReport(null) },
      (e: Error) => setReport(`Could not make the report: ${e.message}`),
    )
  }

  return (
    <section className="diff-attribution" data-testid="diff-attribution" aria-label="Who changed it">
      <div className="diff-attribution-actions">
        <button type="button" className="button" data-testid="attribution-ask" onClick={ask} disabled={state.status === 'loading'}
          title="Look up the changed resources in AWS CloudTrail (read-only)">Who changed it?</button>
        <button type="button" className="button" data-testid="report-download" onClick={download}
          title="One HTML file: the changes, who made them (if looked up), the findings and a diagram of the changed area">Download report</button>
      </div>
      {report && <p className="muted" data-testid="report-status">{report}</p>}
      {state.status === 'loading' && <StatusMessage kind="loading" title="Reading CloudTrail…" />}
      {state.status === 'error' && <StatusMessage kind="error" title="Who changed it: not available" message={state.message} />}
      {state.status === 'ready' && (
        <div data-testid="attribution-list">
          <p className="muted">CloudTrail, {formatTime(state.data.window.start)} → {formatTime(state.data.window.end)}</p>
          {state.data.resources.length === 0 && <p className="muted">No changed resource to look up.</p>}
          <ul className="attribution-list">
            {state.data.resources.map((r) => (
              <li key={r.resourceId} data-resource={r.resourceId} data-state={r.state}>
                <code>{r.resourceId}</code>
                {r.state === 'found' ? (
                  <ul>
                    {r.events.map((e) => (
                      <li key={e.eventId || `${e.eventTime}${e.eventName}`}>
                        <strong>{e.eventName}</strong> {formatTime(e.eventTime)} by <span className="who">{e.principalArn ?? e.userName ?? 'an unknown principal'}</span>
                        {e.sourceIp ? ` from ${e.sourceIp}` : ''}{e.userAgent ? ` (${e.userAgent})` : ''}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <div className="muted">{r.state === 'none-found' ? 'None found' : 'Not available'}: {r.reason}</div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
