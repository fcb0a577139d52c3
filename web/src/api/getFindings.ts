import { FindingsReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'
import { utcDay } from './utcDay.ts'

/** GET /api/environments/:env/versions/:version/findings; once per version and day (versionCache.ts; a policy's acceptances expire). */
export function getFindings(env: string, version: string, signal?: AbortSignal): Promise<FindingsReport> {
  return cachedVersionQuery(`findings ${utcDay()}`, env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/findings`, FindingsReport, s), signal)
}
