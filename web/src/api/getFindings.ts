import { FindingsReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/versions/:version/findings */
export function getFindings(env: string, version: string, signal?: AbortSignal): Promise<FindingsReport> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/findings`, FindingsReport, signal)
}
