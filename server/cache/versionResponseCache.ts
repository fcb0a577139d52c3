import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SnapshotStore } from '../store/SnapshotStore.ts'

const KEY = Symbol('vpclens.responseCacheKey')
type Tagged = FastifyRequest & { [KEY]?: string }

/**
 * A cache of serialized GET responses under /api/environments/:env/versions/:version/…, keyed by the
 * route, the environment, the resolved version id and its content hash, and the query string.
 * Everything under a version is a pure function of its snapshot, so an entry can only go stale by
 * the version being pruned, and the version is looked up (one indexed row) on every request: a
 * pruned version misses and 404s, and `latest` resolves to the current version each time.
 * A hit skips reading the snapshot and serializing the response, which for a 5,000-ENI graph is
 * most of a second of CPU. Bounded by bytes; least recently used entries go first.
 */
export async function versionResponseCache(app: FastifyInstance, store: SnapshotStore, maxBytes = 256 * 1024 * 1024, keyExtra?: () => string): Promise<void> {
  const entries = new Map<string, Buffer>()
  let bytes = 0

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (!methods.includes('GET') || !/^\/api\/environments\/:env\/versions\/:version\/./.test(route.url)) return
    route.preHandler = [...toArray(route.preHandler), async (request: Tagged, reply: FastifyReply) => {
      const { env, version } = request.params as { env: string; version: string }
      const found = await store.getVersion(env, version)
      if (!found) return // the handler answers 404
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
      // Every path parameter but the version (resolved to its id and hash) is part of the key: the
      // resource route has an :id, and one version's resources must not share one entry.
      const params = Object.entries(request.params as Record<string, string>)
        .filter(([k]) => k !== 'version').sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join('&')
      const key = `${route.url} ${params} ${found.id} ${found.hash} ${query}${keyExtra ? ` ${keyExtra()}` : ''}`
      const hit = entries.get(key)
      if (hit) {
        entries.delete(key)
        entries.set(key, hit)
        return reply.header('content-type', 'application/json; charset=utf-8').header('x-vpclens-cache', 'hit').send(hit)
      }
      request[KEY] = key
    }]
    route.onSend = [...toArray(route.onSend), async (request: Tagged, reply: FastifyReply, payload: unknown) => {
      const key = request[KEY]
      if (key === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload
      const body = Buffer.from(payload)
      if (body.length > maxBytes / 4) return payload
      bytes += body.length - (entries.get(key)?.length ?? 0)
      entries.delete(key)
      entries.set(key, body)
      for (const [k, v] of entries) {
        if (bytes <= maxBytes) break
        entries.delete(k)
        bytes -= v.length
      }
      return payload
    }]
  })
}

function toArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x]
}
