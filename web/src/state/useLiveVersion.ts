import { useEffect, useState } from 'react'
import type { LatestVersion } from '../../../shared/index.ts'
import { getLatestVersion } from '../api/getLatestVersion.ts'

/** How often an open page asks whether a version was recorded (a 304 costs the server one indexed row). */
export const LIVE_POLL_MS = 3000

/**
 * The environment's latest version, polled every LIVE_POLL_MS while the tab is visible, whichever
 * process recorded it (watch, discover, import, another server on the same store). `recorded` is a
 * version recorded after the page started watching this environment (null until one is): the
 * version the page first saw is not news.
 */
export function useLiveVersion(env: string | null): { latest: LatestVersion | null; recorded: LatestVersion | null } {
  const [state, setState] = useState<{ env: string | null; latest: LatestVersion | null; recorded: LatestVersion | null }>({ env, latest: null, recorded: null })
  useEffect(() => {
    setState({ env, latest: null, recorded: null })
    if (env === null) return
    const ctl = new AbortController()
    let etag: string | null = null
    let first: string | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const r = await getLatestVersion(env, etag, ctl.signal)
          if (r.changed) {
            etag = r.etag
            first ??= r.latest.id
            const latest = r.latest
            setState((prev) => ({ env, latest, recorded: latest.id !== first ? latest : prev.recorded }))
          }
        } catch {
          // The server is down or restarting: the page's own requests say so; try again later.
        }
      }
      if (!ctl.signal.aborted) timer = setTimeout(() => void poll(), LIVE_POLL_MS)
    }
    void poll()
    return () => { ctl.abort(); clearTimeout(timer) }
  }, [env])
  return state.env === env ? { latest: state.latest, recorded: state.recorded } : { latest: null, recorded: null }
}
