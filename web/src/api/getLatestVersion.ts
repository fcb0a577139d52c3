import { Value } from 'typebox/value'
import { LatestVersion } from '../../../shared/index.ts'
import { ApiRequestError, authorization } from './requestJson.ts'

export type LatestPoll = { changed: false } | { changed: true; etag: string | null; latest: LatestVersion }

/**
 * GET /api/environments/:env/latest with `If-None-Match`: `{ changed: false }` while the latest
 * version is the one `etag` names (304). Sent with the tab's token; a 401 is left to the page's
 * other requests, which ask for the token.
 */
export async function getLatestVersion(env: string, etag: string | null, signal?: AbortSignal): Promise<LatestPoll> {
  const res = await fetch(`/api/environments/${encodeURIComponent(env)}/latest`, {
    // no-store: the ETag is ours to send, and the 304 comes back to us instead of the HTTP cache.
    cache: 'no-store', signal,
    headers: { accept: 'application/json', ...authorization(), ...(etag ? { 'if-none-match': etag } : {}) },
  })
  if (res.status === 304) return { changed: false }
  if (!res.ok) throw new ApiRequestError(res.status, 'HTTP_ERROR', `${res.status} ${res.statusText}`.trim())
  const body: unknown = await res.json()
  if (!Value.Check(LatestVersion, body)) throw new ApiRequestError(res.status, 'BAD_RESPONSE', 'The server\'s latest version does not match the expected shape')
  return { changed: true, etag: res.headers.get('etag'), latest: body }
}
