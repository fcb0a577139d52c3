import { Diff } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments/:env/diff?from=&to= (versions by id, or `latest`). */
export function getDiff(env: string, from: string, to: string, signal?: AbortSignal): Promise<Diff> {
  return requestJson(`/api/environments/${encodeURIComponent(env)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, Diff, signal)
}
