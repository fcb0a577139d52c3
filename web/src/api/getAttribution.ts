import { Attribution } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/diff/attribution?from=&to= (409 when the server was started without --attribute). */
export function getAttribution(env: string, from: string, to: string, signal?: AbortSignal): Promise<Attribution> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/diff/attribution?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, Attribution, signal)
}
