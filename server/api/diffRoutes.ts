import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, Diff, DiffGraph, DiffQuery, EnvParams } from '../../shared/index.ts'
import type { Diff as DiffT, DiffGraph as DiffGraphT, Snapshot, VersionSummary } from '../../shared/index.ts'
import { HashCache } from '../cache/HashCache.ts'
import { diffGraph } from '../diff/diffGraph.ts'
import { diffStoredVersions } from '../diff/diffStoredVersions.ts'
import { buildGraph } from '../graph/buildGraph.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

export interface DiffRouteDeps { store: SnapshotStore }

/** A version's summary by id or `latest`, or a 404 naming the query field and what is missing. */
async function versionSide(store: SnapshotStore, env: string, id: string, field: string): Promise<VersionSummary> {
  const version = await store.getVersion(env, id)
  if (version) return version
  const known = (await store.listVersions(env)).length > 0
  throw notFound(known ? `${field}: version ${id} of environment ${env}` : `environment ${env}`)
}

/** A version by id or `latest`, with its real id and whole snapshot, or the same 404 as versionSide. */
export async function side(store: SnapshotStore, env: string, id: string, field: string): Promise<{ id: string; version: VersionSummary; snapshot: Snapshot }> {
  const version = await versionSide(store, env, id, field)
  const snapshot = await store.getSnapshot(env, version.id)
  if (!snapshot) throw notFound(`${field}: version ${id} of environment ${env}`)
  return { id: version.id, version, snapshot }
}

/** HashCache for results computed asynchronously (a failed computation is not kept). */
class AsyncHashCache<V> {
  private readonly cache: HashCache<Promise<V>>
  constructor(capacity: number) { this.cache = new HashCache<Promise<V>>(capacity) }
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const p = this.cache.get(key, compute)
    p.catch(() => this.cache.delete(key))
    return p
  }
}

/** The diff of two versions, and the union graph the diff view draws. Cached by the pair of hashes. */
export const diffRoutes: FastifyPluginAsync<DiffRouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const graphs = new HashCache<DiffGraphT>(4)
  const storedDiffs = new AsyncHashCache<DiffT>(16)
  // The same pair of contents is the same diff whichever versions carry it; only the labels differ.
  // From what changed and each version's stored facts: no whole version is read (diffStoredVersions).
  const diffOf = (env: string, a: VersionSummary, b: VersionSummary) => storedDiffs.get(`${a.hash}:${b.hash}`, () => diffStoredVersions(store, env, a, b))

  api.get('/environments/:env/diff', {
    schema: {
      summary: 'What changed between two versions: exposure, resources and relationships, most severe first',
      params: EnvParams, querystring: DiffQuery, response: { 200: Diff, 404: ApiError },
    },
  }, async (request) => {
    const { env } = request.params
    const a = await versionSide(store, env, request.query.from, 'from')
    const b = await versionSide(store, env, request.query.to, 'to')
    const cached = await diffOf(env, a, b)
    return { ...cached, from: { hash: a.hash, version: a.id }, to: { hash: b.hash, version: b.id } }
  })

  api.get('/environments/:env/diff/graph', {
    schema: {
      summary: 'The union of two versions\' graphs, each node and edge with its status (added, removed, modified, unchanged)',
      params: EnvParams, querystring: DiffQuery, response: { 200: DiffGraph, 404: ApiError },
    },
  }, async (request) => {
    // The graphs need both whole versions; which nodes changed comes from the same (stored) diff.
    const { env } = request.params
    const a = await side(store, env, request.query.from, 'from')
    const b = await side(store, env, request.query.to, 'to')
    const diff = await diffOf(env, a.version, b.version)
    return graphs.get(`${a.snapshot.hash}:${b.snapshot.hash}`, () =>
      diffGraph(buildGraph(a.snapshot.resources), buildGraph(b.snapshot.resources), diff))
  })
}
