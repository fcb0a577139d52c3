import { useCallback, useEffect, useRef, useState } from 'react'
import type { RefreshStatus } from '../../../shared/index.ts'
import { getRefreshStatus } from '../api/getRefreshStatus.ts'
import { refreshEnvironment } from '../api/refreshEnvironment.ts'
import './refresh.css'

interface Props {
  env: string
  /** After a run recorded a new version: reload what lists versions, then show `version`. */
  onNewVersion: (version: string) => Promise<void> | void
}

/** How often a running refresh is polled (the GET is cheap and not rate limited). */
const POLL_MS = 1000

type Availability = 'probing' | 'available' | 'unavailable'
type Outcome = { kind: 'created' | 'unchanged'; version: string } | { kind: 'failed'; message: string }

/**
 * The header's Refresh action: runs discovery now on a server started with discover options, shows
 * its progress, then opens the new version or says that nothing changed. The server is asked once
 * per environment whether it can refresh; where it cannot, there is no button.
 */
export function RefreshButton({ env, onNewVersion }: Props) {
  const [availability, setAvailability] = useState<Availability>('probing')
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<RefreshStatus['progress']>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const controller = useRef<AbortController | null>(null)
  const onNew = useRef(onNewVersion)
  useEffect(() => { onNew.current = onNewVersion })

  /** Polls while the run is going, then reports how it ended. */
  const follow = useCallback(async (first: RefreshStatus, signal: AbortSignal) => {
    setBusy(true)
    try {
      let status = first
      while (status.state === 'running') {
        setProgress(status.progress)
        await sleep(POLL_MS, signal)
        status = await getRefreshStatus(env, signal)
      }
      if (status.state === 'failed') setOutcome({ kind: 'failed', message: status.error ?? 'discovery failed' })
      else if (status.state === 'succeeded' && status.version !== null) {
        if (status.created) await onNew.current(status.version)
        setOutcome({ kind: status.created ? 'created' : 'unchanged', version: status.version })
      }
    } catch (e) {
      if (!signal.aborted) setOutcome({ kind: 'failed', message: e instanceof Error ? e.message : String(e) })
    } finally {
      if (!signal.aborted) { setBusy(false); setProgress(null) }
    }
  }, [env])

  // Can this server refresh this environment? Also joins a run another tab started.
  useEffect(() => {
    const ctl = new AbortController()
    controller.current = ctl
    setAvailability('probing')
    setBusy(false)
    setProgress(null)
    setOutcome(null)
    getRefreshStatus(env, ctl.signal).then(
      (status) => {
        if (ctl.signal.aborted) return
        setAvailability('available')
        if (status.state === 'running') void follow(status, ctl.signal)
      },
      // 409 (no discover options), 404 (another environment), or the server is unreachable (the
      // rest of the app says so): no refresh here.
      () => { if (!ctl.signal.aborted) setAvailability('unavailable') },
    )
    return () => ctl.abort()
  }, [env, follow])

  const start = async () => {
    const signal = controller.current?.signal
    if (availability !== 'available' || busy || !signal) return
    setBusy(true)
    setOutcome(null)
    setProgress({ done: 0, total: 0, message: 'starting discovery' })
    try {
      await follow(await refreshEnvironment(env, signal), signal)
    } catch (e) {
      // The POST itself failed (rate limited, server gone): follow never ran.
      if (signal.aborted) return
      setOutcome({ kind: 'failed', message: e instanceof Error ? e.message : String(e) })
      setBusy(false)
      setProgress(null)
    }
  }

  // A server that cannot refresh (started without discover options: 409; or it refreshes another
  // environment: 404) gets no button at all: the header has no room for a control that does nothing.
  if (availability !== 'available') return null
  return (
    <div className="refresh" data-testid="refresh">
      <button
        type="button" className="refresh-button" data-testid="refresh-button"
        // aria-disabled rather than disabled while running: focus stays on the button.
        aria-disabled={busy} aria-label="Refresh"
        title={busy ? 'Discovery is running' : `Refresh: run discovery of ${env} now`}
        onClick={() => void start()}
      >
        <span aria-hidden="true" className={busy ? 'refresh-icon refresh-spin' : 'refresh-icon'}>↻</span>
      </button>
      {/* Below the button, not beside it: the header has no width to spare. */}
      {busy && progress && (
        <div className="refresh-card" data-testid="refresh-progress">
          {progress.total > 0
            ? <progress max={progress.total} value={progress.done} aria-label="Discovery progress" />
            : <progress aria-label="Discovery progress" />}
          <span className="refresh-text" title={progress.message}>
            {progress.total > 0 ? `${progress.done}/${progress.total} · ${progress.message}` : progress.message}
          </span>
        </div>
      )}
      {!busy && outcome && (outcome.kind === 'failed'
        ? <div className="refresh-card refresh-error" data-testid="refresh-error" role="alert">{`Refresh failed: ${outcome.message}`}</div>
        : (
          <div className="refresh-card" data-testid="refresh-notice" role="status">
            {outcome.kind === 'created' ? `Version ${outcome.version} recorded` : `No changes since version ${outcome.version}`}
          </div>
        ))}
    </div>
  )
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason) }, { once: true })
  })
}
