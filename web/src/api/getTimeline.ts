import { Timeline } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/timeline: every version, oldest first, with its changes against its parent. */
export function getTimeline(env: string, signal?: AbortSignal): Promise<Timeline> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/timeline`, Timeline, signal)
}
