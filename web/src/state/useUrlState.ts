import { useCallback, useState } from 'react'
import { URL_KEYS, formatUrlState, parseUrlState, type UrlState } from './urlState.ts'

/** URL-backed view state. Updates use history.replaceState: a reload reproduces the view. */
export function useUrlState(): [UrlState, (patch: Partial<UrlState>) => void] {
  const [state, setState] = useState<UrlState>(() => parseUrlState(window.location.search))
  const update = useCallback((patch: Partial<UrlState>) => {
    setState((prev) => {
      const next = { ...prev, ...patch }
      if (URL_KEYS.every((k) => next[k] === prev[k])) return prev
      const url = `${window.location.pathname}${formatUrlState(next, window.location.search)}${window.location.hash}`
      window.history.replaceState(window.history.state, '', url)
      return next
    })
  }, [])
  return [state, update]
}
