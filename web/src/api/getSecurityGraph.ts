import { SecurityGraph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/security-graph[?members=true]; once per version and form (versionCache.ts). */
export function getSecurityGraph(env: string, version: string, members: boolean, signal?: AbortSignal): Promise<SecurityGraph> {
  const query = members ? '?members=true' : ''
  return cachedVersionQuery(`security-graph${query}`, env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/security-graph${query}`, SecurityGraph, s), signal)
}
