import type { TSchema, Static } from 'typebox'
import { TOKEN_KEY, takeEarlyResponse } from './earlyRequestPaths.ts'
import { responseProblem } from './validators.ts'

/** An API call that failed: `message` is the server's own `{ code, message }` when it sent one. */
export class ApiRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message)
    this.name = 'ApiRequestError'
  }
}

/** The Authorization header of this tab's access token, if it has one (for requests made without requestJson). */
export function authorization(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY)
  return token ? { authorization: `Bearer ${token}` } : {}
}

let asking: Promise<boolean> | undefined

/** True when there is a token to retry with: a new one from the user, or one another request got meanwhile. */
function askForToken(sentToken: string | null): Promise<boolean> {
  if (sessionStorage.getItem(TOKEN_KEY) !== sentToken) return Promise.resolve(true)
  asking ??= Promise.resolve().then(() => {
    const token = window.prompt('This vpclens server needs its access token (vpclens serve --token):')?.trim()
    if (token) sessionStorage.setItem(TOKEN_KEY, token)
    else sessionStorage.removeItem(TOKEN_KEY)
    return !!token
  }).finally(() => { asking = undefined })
  return asking
}

/**
 * GET (or POST, without a body: see postJson.ts) a JSON document and check it against its shared schema. Non-2xx responses become an
 * ApiRequestError carrying the server's message; a body that does not match the schema is an error
 * too (the contract between server and web drifted), naming the first wrong field. The check is
 * generated at build time (validators.ts): a 20,000-interface graph is checked in milliseconds.
 */
export async function requestJson<S extends TSchema>(path: string, schema: S, signal?: AbortSignal, method: 'GET' | 'POST' = 'GET'): Promise<Static<S>> {
  let res: Response
  const token = sessionStorage.getItem(TOKEN_KEY)
  try {
    // The page's first requests were started before the app loaded (earlyRequests.ts); a failed one is asked again.
    const early = method === 'GET' ? takeEarlyResponse(path) : undefined
    res = (early && await early.catch(() => undefined))
      ?? await fetch(path, { method, headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal })
  } catch (e) {
    if (signal?.aborted) throw e
    throw new ApiRequestError(0, 'NETWORK', `Cannot reach the vpclens server (${(e as Error).message})`)
  }
  // A server started with --token: ask for it once (one prompt however many requests are waiting),
  // keep it for this tab only, and try again.
  if (res.status === 401 && (await askForToken(token))) return requestJson(path, schema, signal, method)
  const text = await res.text()
  let body: unknown = undefined
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    // Not JSON: handled below.
  }
  if (!res.ok) {
    const err = body as { code?: unknown; message?: unknown } | undefined
    const message = typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`.trim()
    throw new ApiRequestError(res.status, typeof err?.code === 'string' ? err.code : 'HTTP_ERROR', message)
  }
  if (body === undefined) throw new ApiRequestError(res.status, 'BAD_RESPONSE', `The server sent no JSON for ${path}`)
  const problem = responseProblem(schema, body)
  if (problem !== null) {
    throw new ApiRequestError(res.status, 'BAD_RESPONSE', `The server's response for ${path} does not match the expected shape: ${problem}`)
  }
  return body as Static<S>
}
