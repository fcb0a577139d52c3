import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, SecurityGraph, SecurityGraphQuery, VersionParams } from '../../shared/index.ts'
import type { SecurityGraph as SecurityGraphT } from '../../shared/index.ts'
import { buildSecurityGraph } from '../graph/buildSecurityGraph.ts'
import { HashCache } from '../cache/HashCache.ts'
import type { RouteDeps } from './environmentRoutes.ts'
import { loadSnapshot } from './loadSnapshot.ts'

/** The Security view's graph of a version: groups, the sources their ingress rules admit, bundled edges. */
export const securityGraphRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const graphs = new HashCache<SecurityGraphT>(8)

  api.get('/environments/:env/versions/:version/security-graph', {
    schema: {
      summary: 'Security groups, the sources their ingress rules admit (bundled per source and group), rules, members and NACLs',
      params: VersionParams, querystring: SecurityGraphQuery, response: { 200: SecurityGraph, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const members = request.query.members === true
    const snapshot = await loadSnapshot(store, env, version)
    return graphs.get(`${snapshot.hash}:${members}`, () => buildSecurityGraph(snapshot.resources, { members }))
  })
}
