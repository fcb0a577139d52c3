import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, EnvParams, Timeline } from '../../shared/index.ts'
import type { TimelineEntry, VersionChanges, VersionSummary } from '../../shared/index.ts'
import { HashCache } from '../cache/HashCache.ts'
import { computeVersionChanges, loadVersionChanges, versionChangesKey } from '../diff/storedVersionChanges.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

/**
 * Every version of an environment with the summary of its diff against its parent. The summaries
 * are stored when a version is recorded (recordVersion) and read for all versions at once; a pair
 * without (recorded by an older vpclens) is diffed on first use like `GET …/diff` (exposure analysis
 * included) and stored. The in-memory cache, by pair of contents and warnings, is for stores that
 * cannot be written (read-only), and lets concurrent requests share one computation.
 */
export const timelineRoutes: FastifyPluginAsync<{ store: SnapshotStore }> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const computed = new HashCache<Promise<VersionChanges>>(4096)

  api.get('/environments/:env/timeline', {
    schema: {
      summary: 'Every version, oldest first, with the counts and highest severity of its changes against its parent',
      params: EnvParams, response: { 200: Timeline, 404: ApiError },
    },
    // A store written by an older vpclens diffs every version against its parent on the first call.
    config: { rateLimit: { max: 60, timeWindow: 60_000 } },
  }, async (request) => {
    const { env } = request.params
    const versions = await store.listVersions(env)
    if (versions.length === 0) throw notFound(`environment ${env}`)
    const byId = new Map(versions.map((v) => [v.id, v]))
    const pairs: Array<[VersionSummary, VersionSummary]> = []
    for (const v of versions) {
      const parent = v.parent === null ? undefined : byId.get(v.parent)
      if (parent) pairs.push([parent, v])
    }
    const stored = await loadVersionChanges(store, pairs)
    const changesOf = new Map<string, VersionChanges['summary']>()
    for (const [parent, v] of pairs) {
      const key = versionChangesKey(parent, v)
      let changes = stored.get(key)
      if (!changes) {
        const pending = computed.get(key, () => computeVersionChanges(store, env, parent, v))
        // A failed read must not stick in the cache for good.
        changes = await pending.catch((e: unknown) => { computed.delete(key); throw e })
      }
      changesOf.set(v.id, changes.summary)
    }
    const out: TimelineEntry[] = versions.map((v) => ({
      id: v.id, createdAt: v.createdAt, checkedAt: v.checkedAt, source: v.source, parent: v.parent,
      resources: Object.values(v.counts).reduce((n, c) => n + c, 0), changes: changesOf.get(v.id) ?? null,
    }))
    return { env, versions: out }
  })
}
