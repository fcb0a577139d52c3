import type { CollectionWarning } from '../../shared/index.ts'
import { redactCredentials } from './redactCredentials.ts'

/** A failed call as a CollectionWarning: where it failed, the AWS error code, a short credential-free message. */
export function toWarning(where: { account: string; region: string; service: string; operation: string }, error: unknown): CollectionWarning {
  const e = error as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } }
  const status = e?.$metadata?.httpStatusCode
  const code = e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code ?? (status ? `HTTP${status}` : 'Error')
  const message = redactCredentials(String(e?.message ?? error)).replace(/\s+/g, ' ').trim().slice(0, 500)
  return { ...where, code: redactCredentials(String(code)).slice(0, 100), message }
}

/** Errors that deny one call, not the whole region: the rest of the region is still worth reading. */
export function isAccessDenied(error: unknown): boolean {
  const e = error as { name?: string; Code?: string }
  return /AccessDenied|Unauthorized/i.test(`${e?.Code ?? ''} ${e?.name ?? ''}`)
}
