import { Graph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/graph (`version` may be `latest`); once per version (versionCache.ts). */
export function getGraph(env: string, version: string, signal?: AbortSignal): Promise<Graph> {
  return cachedVersionQuery('graph', env, version, async (s) => {
    const graph = await requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/graph`, Graph, s)
    // A phase of the first diagram (bench/web.bench.ts prints them): the graph parsed and checked.
    performance.mark('vpclens:graph-checked')
    return graph
  }, signal)
}
