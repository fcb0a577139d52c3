import { ExposureReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/exposure */
export function getExposure(env: string, version: string, signal?: AbortSignal): Promise<ExposureReport> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/exposure`, ExposureReport, signal)
}
