import { SecurityGraph } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/security-graph[?members=true] */
export function getSecurityGraph(env: string, version: string, members: boolean, signal?: AbortSignal): Promise<SecurityGraph> {
  const path = `/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/security-graph${members ? '?members=true' : ''}`
  return requestJson(path, SecurityGraph, signal)
}
