import { Resource } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/resources/:id (ARNs contain `/`: the id is encoded). */
export function getResource(env: string, version: string, id: string, signal?: AbortSignal): Promise<Resource> {
  const path = `/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/resources/${encodeURIComponent(id)}`
  return requestJson(path, Resource, signal)
}
