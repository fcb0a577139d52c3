import { RefreshStatus } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/**
 * GET /api/environments/:env/refresh: the current or last refresh. A 409 (ApiRequestError) means the
 * server was started without discover options and cannot refresh at all.
 */
export function getRefreshStatus(env: string, signal?: AbortSignal): Promise<RefreshStatus> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/refresh`, RefreshStatus, signal)
}
