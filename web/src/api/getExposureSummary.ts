import { ExposureSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/exposure/summary: what the overlay draws; once per version (versionCache.ts). */
export function getExposureSummary(env: string, version: string, signal?: AbortSignal): Promise<ExposureSummary> {
  return cachedVersionQuery('exposure/summary', env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/exposure/summary`, ExposureSummary, s), signal)
}
