import { EnvironmentList, type EnvironmentSummary } from '../../../shared/index.ts'
import { requestJson } from './requestJson.ts'

/** GET /api/environments */
export async function getEnvironments(signal?: AbortSignal): Promise<EnvironmentSummary[]> {
  return (await requestJson('/api/environments', EnvironmentList, signal)).environments
}
