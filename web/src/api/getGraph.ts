import { Graph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/graph (`version` may be `latest`). */
export function getGraph(env: string, version: string, signal?: AbortSignal): Promise<Graph> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/graph`, Graph, signal)
}
