import { ResourceList, type ResourceSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/resources: every resource of the version, in brief. */
export async function getResourceList(env: string, version: string, signal?: AbortSignal): Promise<ResourceSummary[]> {
  return (await requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/resources`, ResourceList, signal)).resources
}
