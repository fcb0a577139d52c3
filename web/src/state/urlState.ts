/** What the address bar keeps, so that a reload reproduces the view: `?env=…&version=…&select=…`. */
export interface UrlState { env: string | null; version: string | null; select: string | null }

export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search)
  const get = (k: string) => {
    const v = p.get(k)
    return v === null || v === '' ? null : v
  }
  return { env: get('env'), version: get('version'), select: get('select') }
}

/** The query string for a state; other parameters already in `search` are kept. */
export function formatUrlState(state: UrlState, search = ''): string {
  const p = new URLSearchParams(search)
  for (const key of ['env', 'version', 'select'] as const) {
    const v = state[key]
    if (v === null) p.delete(key)
    else p.set(key, v)
  }
  const s = p.toString()
  return s === '' ? '' : `?${s}`
}
