import { ResourceList, type ResourceSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/resources: every resource of the version, in brief; once per version (versionCache.ts). */
export async function getResourceList(env: string, version: string, signal?: AbortSignal): Promise<ResourceSummary[]> {
  const list = await cachedVersionQuery('resources', env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/resources`, ResourceList, s), signal)
  return list.resources
}
