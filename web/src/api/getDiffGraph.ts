import { DiffGraph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/diff/graph?from=&to=: the union of both versions' graphs, with a status per element. */
export function getDiffGraph(env: string, from: string, to: string, signal?: AbortSignal): Promise<DiffGraph> {
  const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
  return requestJson(`/api/environments/${encodeURIComponent(env)}/diff/graph?${query}`, DiffGraph, signal)
}
