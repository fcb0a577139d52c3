import { EnvironmentList } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments: the environments, and the policy the server applies (`serve --policy`), if any. */
export function getEnvironments(signal?: AbortSignal): Promise<EnvironmentList> {
  return requestJson('/api/environments', EnvironmentList, signal)
}
