import { useCallback, useEffect, useRef, useState } from 'react'
import { type AsyncState, useAsync } from './useAsync.ts'

/**
 * useAsync plus `reload()`: loads the same key again and resolves once the new data is in state.
 * Until then it keeps reporting the data already shown, so reloading a list (versions after a
 * refresh) never blanks what depends on it (the diagram and its viewport).
 */
export function useReloadable<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): [AsyncState<T>, () => Promise<T>] {
  const base = useAsync(key, load)
  const [fresh, setFresh] = useState<{ key: string; data: T } | null>(null)
  const latest = useRef({ key, load })
  useEffect(() => { latest.current = { key, load } })
  // A reloaded answer belongs to its key: another key starts again from useAsync's own load.
  useEffect(() => { setFresh(null) }, [key])

  const reload = useCallback(async (): Promise<T> => {
    const { key: k, load: l } = latest.current
    if (k === null) throw new Error('nothing to reload')
    const data = await l(new AbortController().signal)
    if (latest.current.key === k) setFresh({ key: k, data })
    return data
  }, [])

  const state: AsyncState<T> = fresh !== null && fresh.key === key ? { status: 'ready', data: fresh.data } : base
  return [state, reload]
}
