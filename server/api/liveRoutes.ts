import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ApiError, EnvParams, LatestVersion } from '../../shared/index.ts'
import type { VersionChanges } from '../../shared/index.ts'
import { HashCache } from '../cache/HashCache.ts'
import { versionChangesKey, versionChangesOf } from '../diff/storedVersionChanges.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

/**
 * The latest version of an environment, for open pages that poll for new ones. Every request reads
 * the latest version's row from the store (one indexed row), so a version recorded by any process
 * — watch, discover, import, demo, another server of a team's PostgreSQL store — is seen on the next
 * poll, not only what this process recorded. The ETag is the version id and content hash: a poll
 * with `If-None-Match` of the current one gets 304 and no work is done. The changes against the
 * parent are stored when the version is recorded (one read); a version recorded by an older vpclens
 * costs one diff, stored for next time. Cached by the pair of contents, so concurrent polls share it.
 */
export const liveRoutes: FastifyPluginAsync<{ store: SnapshotStore }> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const changes = new HashCache<Promise<VersionChanges>>(64)

  api.get('/environments/:env/latest', {
    schema: {
      summary: 'The latest version, with its changes against its parent; poll with If-None-Match (304 while it is the same version)',
      params: EnvParams,
      response: { 200: LatestVersion, 304: Type.Null({ description: 'The latest version is still the one the ETag names' }), 404: ApiError },
    },
  }, async (request, reply) => {
    const { env } = request.params
    const latest = await store.getVersion(env, 'latest')
    if (!latest) throw notFound(`environment ${env}`)
    const etag = `"v${latest.id}-${latest.hash.slice(0, 16)}"`
    reply.header('etag', etag).header('cache-control', 'no-cache')
    const sent = request.headers['if-none-match']
    if (sent !== undefined && sent.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.status(304).send(null)
    const parent = latest.parent === null ? undefined : await store.getVersion(env, latest.parent)
    let summary: VersionChanges | null = null
    if (parent) {
      const key = versionChangesKey(parent, latest)
      const pending = changes.get(key, () => versionChangesOf(store, env, parent, latest))
      summary = await pending.catch((e: unknown) => {
        // A failed read must not stick in the cache for good.
        changes.delete(key)
        throw e
      })
    }
    return { env, id: latest.id, createdAt: latest.createdAt, source: latest.source, parent: latest.parent, changes: summary }
  })
}
