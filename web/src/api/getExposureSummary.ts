import { ExposureSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'
import { utcDay } from './utcDay.ts'

/** GET /api/environments/:env/versions/:version/exposure/summary: what the overlay draws; once per version and day (versionCache.ts; a policy's acceptances expire). */
export function getExposureSummary(env: string, version: string, signal?: AbortSignal): Promise<ExposureSummary> {
  return cachedVersionQuery(`exposure/summary ${utcDay()}`, env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/exposure/summary`, ExposureSummary, s), signal)
}
