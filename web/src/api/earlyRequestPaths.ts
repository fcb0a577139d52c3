declare global {
  /**
   * Responses started early, by path; the paths asked (by the early requests or the app: never twice);
   * the paths whose early response the app used (read by the end-to-end tests).
   */
  interface Window { __vpclensEarly?: { responses: Map<string, Promise<Response>>; asked: Set<string>; used: Set<string> } }
}

/** Where a tab keeps the access token of a server started with --token. */
export const TOKEN_KEY = 'vpclens.token'

export interface EarlyRequests {
  /** Asked right away. */
  paths: string[]
  /** With `env=` and no version on the Infrastructure view: the graph of the version list's last version, asked once the list arrives. */
  latestGraphOf: string | null
}

/**
 * The API paths the app will ask for first, from the page's address (pure, for earlyRequests.ts):
 * the environment list; with `env=`, its versions; with a version number in `version=` on the
 * Infrastructure view (the default), that version's graph — without one, the latest version's,
 * known once the version list is in. A version given as a time is resolved by the app.
 */
export function earlyRequestPaths(query: URLSearchParams): EarlyRequests {
  const paths = ['/api/environments']
  const env = query.get('env')
  if (env === null || env === '') return { paths, latestGraphOf: null }
  paths.push(versionsPath(env))
  const version = query.get('version')
  const view = query.get('view')
  if (view !== null && view !== 'infrastructure') return { paths, latestGraphOf: null }
  if (version === null) return { paths, latestGraphOf: env }
  if (/^[1-9][0-9]*$/.test(version)) paths.push(graphPath(env, version))
  return { paths, latestGraphOf: null }
}

export const versionsPath = (env: string) => `/api/environments/${encodeURIComponent(env)}/versions`
export const graphPath = (env: string, version: string) => `${versionsPath(env)}/${encodeURIComponent(version)}/graph`

/** The early response for `path`, once; undefined when there is none, and then it will not be asked early. */
export function takeEarlyResponse(path: string): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__vpclensEarly
  if (!early) return undefined
  const response = early.responses.get(path)
  early.responses.delete(path)
  early.asked.add(path)
  if (response) early.used.add(path)
  return response
}
