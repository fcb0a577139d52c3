/**
 * The first requests of a page, started before the rest of the bundle (Cytoscape, React, the views)
 * is evaluated and long before React's effects would ask (main.tsx imports this first): the
 * environment list, the named environment's versions and the graph the Infrastructure view will
 * draw (earlyRequestPaths.ts). requestJson takes a response from here instead of asking again
 * (takeEarlyResponse); anything not taken is unused. A 401 (a server started with --token) goes
 * through requestJson's usual prompt and retry.
 */
import { TOKEN_KEY, earlyRequestPaths, graphPath, versionsPath } from './api/earlyRequestPaths.ts'

// Built as a script of its own that runs first (web/plugins/earlyRequestsEntry.ts), and imported by
// main.tsx too: whichever runs second finds the requests started and leaves them alone.
if (!window.__vpclensEarly) startEarlyRequests()

function startEarlyRequests(): void {
  const token = sessionStorage.getItem(TOKEN_KEY)
  const early = { responses: new Map<string, Promise<Response>>(), asked: new Set<string>(), used: new Set<string>() }
  window.__vpclensEarly = early

  function ask(path: string): void {
    if (early.asked.has(path)) return
    early.asked.add(path)
    const response = fetch(path, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } })
    // An early request that fails is asked again by the app; never an unhandled rejection here.
    response.catch(() => {})
    early.responses.set(path, response)
  }

  const { paths, latestGraphOf } = earlyRequestPaths(new URLSearchParams(location.search))
  for (const path of paths) ask(path)
  if (latestGraphOf !== null) {
    // The app draws the list's last version: ask for its graph as soon as the list is in (a copy of the
    // response is read here; the app reads the original).
    early.responses.get(versionsPath(latestGraphOf))?.then((r) => (r.ok ? r.clone().json() : null)).then((body: { versions?: { id?: unknown }[] } | null) => {
      const last = body?.versions?.at(-1)?.id
      if (typeof last === 'string') ask(graphPath(latestGraphOf, last))
    }).catch(() => {})
  }
}
