import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, Graph, Resource, ResourceParams, VersionParams } from '../../shared/index.ts'
import type { Graph as GraphT } from '../../shared/index.ts'
import { buildGraph } from '../graph/buildGraph.ts'
import { HashCache } from '../cache/HashCache.ts'
import { notFound } from '../errors.ts'
import type { RouteDeps } from './environmentRoutes.ts'
import { loadSnapshot } from './loadSnapshot.ts'
import { nativeJsonSerializer } from './nativeJsonSerializer.ts'

/** A version's diagram graph, and one resource's full attributes. */
export const graphRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const graphs = new HashCache<GraphT>(8)

  api.get('/environments/:env/versions/:version/graph', {
    ...nativeJsonSerializer,
    schema: { summary: 'The diagram graph of a version', params: VersionParams, response: { 200: Graph, 404: ApiError } },
  }, async (request) => {
    const { env, version } = request.params
    const snapshot = await loadSnapshot(store, env, version)
    return graphs.get(snapshot.hash, () => buildGraph(snapshot.resources))
  })

  api.get('/environments/:env/versions/:version/resources/:id', {
    schema: { summary: 'One resource with all its attributes', params: ResourceParams, response: { 200: Resource, 404: ApiError } },
  }, async (request) => {
    const { env, version, id } = request.params
    const resource = await store.getResource(env, version, id)
    if (!resource) {
      if (!(await store.getVersion(env, version))) throw notFound(`version ${version} of environment ${env}`)
      throw notFound(`resource ${id} in version ${version} of ${env}`)
    }
    return resource
  })
}
