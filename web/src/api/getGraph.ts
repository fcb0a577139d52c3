import { Graph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/graph (`version` may be `latest`); once per version (versionCache.ts). */
export function getGraph(env: string, version: string, signal?: AbortSignal): Promise<Graph> {
  return cachedVersionQuery('graph', env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/graph`, Graph, s), signal)
}
