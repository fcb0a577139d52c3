import { PolicyReport } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'
import { cachedVersionQuery } from './versionCache.ts'
import { utcDay } from './utcDay.ts'

/**
 * GET /api/environments/:env/versions/:version/policy (only when the server has a policy: the
 * environment list says so); once per version and day (versionCache.ts: acceptances expire at the
 * end of a day, UTC).
 */
export function getPolicyReport(env: string, version: string, signal?: AbortSignal): Promise<PolicyReport> {
  return cachedVersionQuery(`policy ${utcDay()}`, env, version, (s) =>
    requestJson(`/api/environments/${encodeURIComponent(env)}/versions/${encodeURIComponent(version)}/policy`, PolicyReport, s), signal)
}
