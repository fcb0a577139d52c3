import type { Static, TSchema } from 'typebox'
import { requestJson } from './requestJson.ts'

/**
 * POST without a body (an action such as "refresh now") and check the JSON answer against its shared
 * schema. Same access token, token prompt and errors as every GET (requestJson).
 */
export function postJson<S extends TSchema>(path: string, schema: S, signal?: AbortSignal): Promise<Static<S>> {
  return requestJson(path, schema, signal, 'POST')
}
