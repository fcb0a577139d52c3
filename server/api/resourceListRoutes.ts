import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, ResourceList, VersionParams } from '../../shared/index.ts'
import type { ResourceList as ResourceListT } from '../../shared/index.ts'
import { resourceSummary } from '../graph/resourceSummary.ts'
import { HashCache } from '../cache/HashCache.ts'
import type { RouteDeps } from './environmentRoutes.ts'
import { loadSnapshot } from './loadSnapshot.ts'

/** Every resource of a version in brief (the resource list), in the snapshot's order. */
export const resourceListRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const lists = new HashCache<ResourceListT>(8)

  api.get('/environments/:env/versions/:version/resources', {
    schema: { summary: 'Every resource of a version, in brief', params: VersionParams, response: { 200: ResourceList, 404: ApiError } },
  }, async (request) => {
    const { env, version } = request.params
    const snapshot = await loadSnapshot(store, env, version)
    return lists.get(snapshot.hash, () => ({ resources: snapshot.resources.map(resourceSummary) }))
  })
}
