import { VersionList, type VersionSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions, oldest first. */
export async function getVersions(env: string, signal?: AbortSignal): Promise<VersionSummary[]> {
  return (await requestJson(`/api/environments/${encodeURIComponent(env)}/versions`, VersionList, signal)).versions
}
