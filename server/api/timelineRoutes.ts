import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, EnvParams, Timeline } from '../../shared/index.ts'
import type { Diff, TimelineEntry } from '../../shared/index.ts'
import { diffStoredVersions } from '../diff/diffStoredVersions.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

/**
 * Every version of an environment with the summary of its diff against its parent. The summaries
 * come from the same diff as `GET …/diff` (exposure analysis included), computed once per pair of
 * content hashes: a new version costs one diff, the others are cache hits (summaries are small, so
 * the cache keeps many).
 */
export const timelineRoutes: FastifyPluginAsync<{ store: SnapshotStore }> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const summaries = new SummaryCache(4096)

  api.get('/environments/:env/timeline', {
    schema: {
      summary: 'Every version, oldest first, with the counts and highest severity of its changes against its parent',
      params: EnvParams, response: { 200: Timeline, 404: ApiError },
    },
    // The first call diffs every version against its parent: as costly as that many diffs.
    config: { rateLimit: { max: 60, timeWindow: 60_000 } },
  }, async (request) => {
    const { env } = request.params
    const versions = await store.listVersions(env)
    if (versions.length === 0) throw notFound(`environment ${env}`)
    const byId = new Map(versions.map((v) => [v.id, v]))
    const out: TimelineEntry[] = []
    for (const v of versions) {
      const parent = v.parent === null ? undefined : byId.get(v.parent)
      let changes: Diff['summary'] | null = null
      if (parent) {
        const key = `${parent.hash}:${v.hash}`
        changes = await summaries.get(key, async () => {
          // From what changed and the versions' stored facts: no whole version is read (diffStoredVersions).
          return (await diffStoredVersions(store, env, parent, v)).summary
        })
      }
      const resources = Object.values(v.counts).reduce((n, c) => n + c, 0)
      out.push({ id: v.id, createdAt: v.createdAt, checkedAt: v.checkedAt, source: v.source, parent: v.parent, resources, changes })
    }
    return { env, versions: out }
  })
}

/** Summaries by `parentHash:hash`; a hash pair never goes stale, the bound only caps memory. */
class SummaryCache {
  private readonly entries = new Map<string, Diff['summary']>()
  constructor(private readonly capacity: number) {}
  async get(key: string, compute: () => Promise<Diff['summary'] | null>): Promise<Diff['summary'] | null> {
    const hit = this.entries.get(key)
    if (hit !== undefined) return hit
    const value = await compute()
    if (value === null) return null
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    return value
  }
}
