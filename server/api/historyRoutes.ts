import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, HistoryParams, ResourceHistory } from '../../shared/index.ts'
import { resourceHistoryView } from '../diff/resourceHistoryView.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

/** One resource's history across the versions of an environment. */
export const historyRoutes: FastifyPluginAsync<{ store: SnapshotStore }> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  api.get('/environments/:env/resources/:id/history', {
    schema: {
      summary: 'Every content a resource had, oldest first, with what changed at each revision',
      params: HistoryParams, response: { 200: ResourceHistory, 404: ApiError },
    },
  }, async (request) => {
    const { env, id } = request.params
    const revisions = await store.resourceHistory(env, id)
    if (revisions.length > 0) return resourceHistoryView(env, id, revisions)
    if ((await store.listVersions(env)).length === 0) throw notFound(`environment ${env}`)
    throw notFound(`resource ${id} in environment ${env}`)
  })
}
