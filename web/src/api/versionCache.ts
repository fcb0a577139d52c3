/**
 * One cache of what the web reads about a version (its graph, exposure, findings, security graph,
 * resource list), shared by every view and export: the Infrastructure view, the Findings list and the
 * CSV exports of one version fetch each body once. Keyed by environment, version id and the
 * version's content hash (as the version list reported it), so a store rebuilt under the same
 * version numbers is never served from the old entries; `latest` is never cached (it moves).
 *
 * A request in flight is shared too. Each caller keeps its own AbortSignal: aborting one caller
 * rejects only that caller; the request itself is aborted (and forgotten) when every caller waiting
 * for it has gone. Failures are not cached. Bounded: the least recently used bodies go first (a
 * 20,000-interface graph is tens of MB once parsed).
 */

interface Entry { promise: Promise<unknown>; waiting: number; controller: AbortController; settled: boolean }

const MAX_ENTRIES = 12
const entries = new Map<string, Entry>()
/** env → version id → content hash, from the last version list read. */
const hashes = new Map<string, Map<string, string>>()

/** Records the content hash of each version (called with every version list the web reads). */
export function rememberVersionHashes(env: string, versions: readonly { id: string; hash: string }[]): void {
  hashes.set(env, new Map(versions.map((v) => [v.id, v.hash])))
}

/** Forgets everything (tests; a new page load starts empty anyway). */
export function clearVersionCache(): void {
  for (const e of entries.values()) if (!e.settled) e.controller.abort()
  entries.clear()
  hashes.clear()
}

/** The cache key of one part of a version, or null when it must not be cached (`latest`). */
export function versionCacheKey(part: string, env: string, version: string): string | null {
  if (version === 'latest') return null
  return `${part}\n${env}\n${version}\n${hashes.get(env)?.get(version) ?? ''}`
}

/**
 * `load(signal)` once per (part, env, version, hash); every caller gets the same parsed body.
 * `part` names the body (e.g. `graph`, `security-graph?members=true`).
 */
export function cachedVersionQuery<T>(part: string, env: string, version: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const key = versionCacheKey(part, env, version)
  if (key === null) return load(signal ?? new AbortController().signal)
  let entry = entries.get(key)
  if (entry) {
    entries.delete(key)
    entries.set(key, entry)
  } else {
    const controller = new AbortController()
    const created: Entry = { promise: Promise.resolve(), waiting: 0, controller, settled: false }
    created.promise = load(controller.signal).then(
      (value) => { created.settled = true; return value },
      (error: unknown) => {
        created.settled = true
        if (entries.get(key) === created) entries.delete(key)
        throw error
      },
    )
    // Nobody may be listening when it fails (every caller aborted): not an unhandled rejection.
    created.promise.catch(() => {})
    entries.set(key, created)
    entry = created
    for (const k of entries.keys()) {
      if (entries.size <= MAX_ENTRIES) break
      const old = entries.get(k)!
      if (!old.settled) continue
      entries.delete(k)
    }
  }
  return follow(key, entry, signal) as Promise<T>
}

/** The entry's promise, for one caller who may abort (a caller without a signal waits to the end). */
function follow(key: string, entry: Entry, signal: AbortSignal | undefined): Promise<unknown> {
  if (entry.settled) return entry.promise
  if (signal?.aborted) return Promise.reject(signal.reason)
  entry.waiting++
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      entry.waiting--
      reject(signal!.reason)
      if (entry.waiting === 0 && !entry.settled) {
        entry.controller.abort()
        if (entries.get(key) === entry) entries.delete(key)
      }
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => { signal?.removeEventListener('abort', onAbort); if (!signal?.aborted) entry.waiting-- }
    entry.promise.then((v) => { done(); resolve(v) }, (e: unknown) => { done(); reject(e) })
  })
}
