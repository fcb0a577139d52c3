import { useCallback, useState } from 'react'

export interface DiffPair { from: string | null; to: string | null }

const read = (): DiffPair => {
  const p = new URLSearchParams(window.location.search)
  return { from: p.get('from') || null, to: p.get('to') || null }
}

/**
 * The diff view's pair of versions, kept in the address bar as `from=` and `to=` next to what
 * useUrlState keeps (each leaves the other's parameters alone), so a reload shows the same diff.
 */
export function useDiffPair(): [DiffPair, (pair: DiffPair) => void] {
  const [pair, setPair] = useState<DiffPair>(read)
  const update = useCallback((next: DiffPair) => {
    const p = new URLSearchParams(window.location.search)
    for (const k of ['from', 'to'] as const) {
      const v = next[k]
      if (v === null) p.delete(k)
      else p.set(k, v)
    }
    const s = p.toString()
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${s === '' ? '' : `?${s}`}${window.location.hash}`)
    setPair((prev) => (prev.from === next.from && prev.to === next.to ? prev : next))
  }, [])
  return [pair, update]
}
