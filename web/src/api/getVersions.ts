import { VersionList, type VersionSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { rememberVersionHashes } from './versionCache.ts'

/** GET /api/environments/:env/versions, oldest first. Their hashes key the version cache (versionCache.ts). */
export async function getVersions(env: string, signal?: AbortSignal): Promise<VersionSummary[]> {
  const { versions } = await requestJson(`/api/environments/${encodeURIComponent(env)}/versions`, VersionList, signal)
  rememberVersionHashes(env, versions)
  return versions
}
