import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, EnvParams, EnvironmentList, VersionList, type ServedPolicy } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { notFound } from '../errors.ts'
import type { Policy } from '../policy/Policy.ts'

export interface RouteDeps { store: SnapshotStore }

export interface EnvironmentRouteDeps extends RouteDeps {
  /** `serve --policy`: named in the environment list, so that the web knows to show it. */
  policy?: Policy
}

/** Environments and their versions. */
export const environmentRoutes: FastifyPluginAsync<EnvironmentRouteDeps> = async (app, { store, policy }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const served: ServedPolicy | undefined = policy && { file: policy.file, acceptances: policy.accept.length, scopes: policy.scopes.length }
  api.get('/environments', {
    schema: { summary: 'List environments (and, with `serve --policy`, the policy applied)', response: { 200: EnvironmentList } },
  }, async () => ({ environments: await store.listEnvironments(), ...(served ? { policy: served } : {}) }))

  api.get('/environments/:env/versions', {
    schema: { summary: 'List the versions of an environment, oldest first', params: EnvParams, response: { 200: VersionList, 404: ApiError } },
  }, async (request) => {
    const versions = await store.listVersions(request.params.env)
    if (versions.length === 0) throw notFound(`environment ${request.params.env}`)
    return { versions }
  })
}
