import { ExposureReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'

/** GET /api/environments/:env/versions/:version/exposure: every exposure with its trace; once per version (versionCache.ts). */
export function getExposure(env: string, version: string, signal?: AbortSignal): Promise<ExposureReport> {
  return cachedVersionQuery('exposure', env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/exposure`, ExposureReport, s), signal)
}
