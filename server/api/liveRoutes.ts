import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ApiError, EnvParams, LatestVersion, SEVERITIES } from '../../shared/index.ts'
import type { Diff, Severity } from '../../shared/index.ts'
import { HashCache } from '../cache/HashCache.ts'
import { diffStoredVersions } from '../diff/diffStoredVersions.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

type Changes = NonNullable<LatestVersion['changes']>

/**
 * The latest version of an environment, for open pages that poll for new ones. Every request reads
 * the latest version's row from the store (one indexed row), so a version recorded by any process
 * — watch, discover, import, demo, another server of a team's PostgreSQL store — is seen on the next
 * poll, not only what this process recorded. The ETag is the version id and content hash: a poll
 * with `If-None-Match` of the current one gets 304 and no work is done. The changes against the
 * parent cost one diff per new version (cached by the pair of content hashes; concurrent polls share it).
 */
export const liveRoutes: FastifyPluginAsync<{ store: SnapshotStore }> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const changes = new HashCache<Promise<Changes | null>>(64)

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
    let summary: Changes | null = null
    if (parent) {
      const key = `${parent.hash}:${latest.hash}`
      const pending = changes.get(key, async () => {
        // From what changed and the versions' stored facts (diffStoredVersions): no whole version read.
        return changesOf(await diffStoredVersions(store, env, parent, latest))
      })
      summary = await pending.catch((e: unknown) => {
        // A failed read must not stick in the cache for good.
        changes.delete(key)
        throw e
      })
    }
    return { env, id: latest.id, createdAt: latest.createdAt, source: latest.source, parent: latest.parent, changes: summary }
  })
}

function changesOf(diff: Diff): Changes {
  const count = (severities: Severity[]) => {
    const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Changes['changes']
    for (const s of severities) out[s] += 1
    return out
  }
  return {
    summary: diff.summary,
    changes: count([...diff.resources.map((r) => r.severity), ...diff.relationships.map((r) => r.severity)]),
    exposure: count(diff.exposure.map((e) => e.severity)),
  }
}
