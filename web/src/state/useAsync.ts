import { useEffect, useState } from 'react'

export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: Error }

/**
 * Runs `load` whenever `key` changes (null: nothing to load) and aborts the previous run, so a slow
 * response for an old selection never overwrites a newer one.
 */
export function useAsync<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{ key: string | null; value: AsyncState<T> }>({ key: null, value: { status: 'idle' } })
  useEffect(() => {
    if (key === null) {
      setState({ key, value: { status: 'idle' } })
      return
    }
    const ctl = new AbortController()
    setState({ key, value: { status: 'loading' } })
    load(ctl.signal).then(
      (data) => { if (!ctl.signal.aborted) setState({ key, value: { status: 'ready', data } }) },
      (error: unknown) => {
        if (!ctl.signal.aborted) setState({ key, value: { status: 'error', error: error instanceof Error ? error : new Error(String(error)) } })
      },
    )
    return () => ctl.abort()
    // `load` is keyed by `key` on purpose: callers build it inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  // Until the effect has run for a new key, report loading rather than the previous key's data.
  return state.key === key ? state.value : key === null ? { status: 'idle' } : { status: 'loading' }
}
