import { RefreshStatus } from '../../../shared/index.ts'
import { postJson } from './postJson.ts'

/** POST /api/environments/:env/refresh: start discovery now, or join the run already going (202). */
export function refreshEnvironment(env: string, signal?: AbortSignal): Promise<RefreshStatus> {
  return postJson(`/api/environments/${encodeURIComponent(env)}/refresh`, RefreshStatus, signal)
}
