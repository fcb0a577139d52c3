import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, EnvParams, RefreshStatus } from '../../shared/index.ts'
import { AppError } from '../errors.ts'
import type { RefreshRunner } from '../watch/RefreshRunner.ts'

export interface RefreshRouteDeps {
  /** Present when `serve` was given discover options; without it the routes answer 409. */
  refresher?: RefreshRunner
}

/**
 * Live refresh: POST starts discovery now (or joins the run already going) and answers 202 at once;
 * GET reports progress and, when done, the version to open. Rate limited (security/rateLimitExpensiveRoutes).
 */
export const refreshRoutes: FastifyPluginAsync<RefreshRouteDeps> = async (app, { refresher }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  const runner = (env: string): RefreshRunner => {
    if (!refresher) {
      throw new AppError('refresh_unavailable', 409, 'this server was started without discover options, so it cannot refresh: run `vpclens serve --refresh` (with --profile, --regions, … as for discover)')
    }
    if (refresher.configuredEnv !== undefined && refresher.configuredEnv !== env) {
      throw new AppError('not_found', 404, `this server refreshes environment ${refresher.configuredEnv} only, not ${env}`)
    }
    return refresher
  }

  api.post('/environments/:env/refresh', {
    schema: {
      summary: 'Run discovery now and record a version if anything changed (202; poll the GET for progress)',
      params: EnvParams,
      response: { 202: RefreshStatus, 404: ApiError, 409: ApiError, 429: ApiError },
    },
  }, async (request, reply) => reply.status(202).send(runner(request.params.env).start(request.params.env)))

  api.get('/environments/:env/refresh', {
    schema: {
      summary: 'The current or last refresh of an environment: progress, then the version or the error',
      params: EnvParams,
      response: { 200: RefreshStatus, 404: ApiError, 409: ApiError },
    },
  }, async (request) => runner(request.params.env).status(request.params.env))
}
