/**
 * The search box's state: the query lives in the URL (`q=`), the results are computed from the
 * shown graph (search/searchGraph.ts), and next/previous walk them, focusing and selecting each.
 */
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Graph } from '../../../shared/index.ts'
import { searchGraph } from '../search/searchGraph.ts'

export interface SearchState {
  query: string
  setQuery: (q: string) => void
  ids: readonly string[]
  errors: readonly string[]
  /** Index of the focused result, -1 before the first Enter. */
  index: number
  next: () => void
  previous: () => void
  clear: () => void
  /** For the diagram: null when there is no query. */
  highlight: { ids: readonly string[]; current: string | null } | null
}

interface Options {
  graph: Graph | null
  query: string | null
  onQuery: (q: string | null) => void
  /** Show (select and centre) a result. */
  onShow: (id: string) => void
  /** Escape: drop the selection too. */
  onClear: () => void
}

export function useSearch({ graph, query, onQuery, onShow, onClear }: Options): SearchState {
  const q = query ?? ''
  const result = useMemo(() => (graph && q.trim() !== '' ? searchGraph(graph, q) : { ids: [], errors: [] }), [graph, q])
  const [index, setIndex] = useState(-1)
  // A new query or a new graph starts over.
  useEffect(() => setIndex(-1), [result])
  const go = useCallback((step: 1 | -1) => {
    const n = result.ids.length
    if (n === 0) return
    const i = index < 0 ? (step === 1 ? 0 : n - 1) : (index + step + n) % n
    setIndex(i)
    onShow(result.ids[i])
  }, [result, index, onShow])
  const highlight = useMemo(
    () => (q.trim() === '' ? null : { ids: result.ids, current: index >= 0 ? (result.ids[index] ?? null) : null }),
    [q, result, index],
  )
  return {
    query: q,
    setQuery: (v) => onQuery(v === '' ? null : v),
    ids: result.ids,
    errors: result.errors,
    index,
    next: () => go(1),
    previous: () => go(-1),
    clear: () => { onQuery(null); setIndex(-1); onClear() },
    highlight,
  }
}
