import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, EnvParams, EnvironmentList, VersionList } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'

export interface RouteDeps { store: SnapshotStore }

/** Environments and their versions. */
export const environmentRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  api.get('/environments', {
    schema: { summary: 'List environments', response: { 200: EnvironmentList } },
  }, async () => ({ environments: await store.listEnvironments() }))

  api.get('/environments/:env/versions', {
    schema: { summary: 'List the versions of an environment, oldest first', params: EnvParams, response: { 200: VersionList, 404: ApiError } },
  }, async (request) => {
    const versions = await store.listVersions(request.params.env)
    if (versions.length === 0) throw notFound(`environment ${request.params.env}`)
    return { versions }
  })
}
