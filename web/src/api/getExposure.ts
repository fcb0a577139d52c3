import { ExposureReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'
import { utcDay } from './utcDay.ts'

/** GET /api/environments/:env/versions/:version/exposure: every exposure with its trace; once per version and day (versionCache.ts; a policy's acceptances expire). */
export function getExposure(env: string, version: string, signal?: AbortSignal): Promise<ExposureReport> {
  return cachedVersionQuery(`exposure ${utcDay()}`, env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/exposure`, ExposureReport, s), signal)
}
