import type { Graph } from '../../../shared/index.ts'
import { matchNode } from './matchNode.ts'
import { parseSearch } from './parseSearch.ts'

export interface SearchResult {
  /** Matching node ids, in the graph's order (the view orders them for next/previous). */
  ids: string[]
  /** Terms that could not be read; the other terms still apply. */
  errors: string[]
}

/** The nodes of `graph` that match every term of `query`. Pure. */
export function searchGraph(graph: Graph, query: string): SearchResult {
  const { terms, errors } = parseSearch(query)
  if (terms.length === 0) return { ids: [], errors }
  const ids: string[] = []
  for (const n of graph.nodes) if (matchNode(n, terms)) ids.push(n.id)
  return { ids, errors }
}
