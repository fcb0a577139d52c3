/**
 * What the address bar keeps, so that a reload reproduces the view:
 * `?env=…&version=…&view=…&q=…&select=…&overlay=exposure&port=22&accepted=hide`.
 * `view` stays a plain string here; the app checks it against its list of tabs (components/viewTabs.ts).
 */
export interface UrlState {
  env: string | null; version: string | null; view: string | null
  /** The search box's query (web/src/search/parseSearch.ts). */
  q: string | null
  select: string | null
  /** The Infrastructure view's overlay: `exposure` when on (anything else reads as off). */
  overlay: string | null
  /** The exposure port filter as typed; the app accepts only 0-65535 (parsePort). */
  port: string | null
  /** `hide`: items a policy accepts (`serve --policy`) are left out of Findings and the exposure overlay. */
  accepted: string | null
}

export const URL_KEYS = ['env', 'version', 'view', 'q', 'select', 'overlay', 'port', 'accepted'] as const

export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search)
  const get = (k: string) => {
    const v = p.get(k)
    return v === null || v === '' ? null : v
  }
  return {
    env: get('env'), version: get('version'), view: get('view'), q: get('q'), select: get('select'),
    overlay: get('overlay'), port: get('port'), accepted: get('accepted'),
  }
}

/** The query string for a state; other parameters already in `search` are kept. */
export function formatUrlState(state: UrlState, search = ''): string {
  const p = new URLSearchParams(search)
  for (const key of URL_KEYS) {
    const v = state[key]
    if (v === null) p.delete(key)
    else p.set(key, v)
  }
  const s = p.toString()
  return s === '' ? '' : `?${s}`
}
