import { FindingsReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/findings; once per version (versionCache.ts). */
export function getFindings(env: string, version: string, signal?: AbortSignal): Promise<FindingsReport> {
  return cachedVersionQuery('findings', env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/findings`, FindingsReport, s), signal)
}
