import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { packageVersion } from '../../packageRoot.ts'

/**
 * The OpenAPI document, generated from the routes' own TypeBox schemas, at /api/openapi.json, and
 * swagger-ui at /docs. Must be registered before any route: @fastify/swagger collects routes as they
 * are added. swagger-ui's page loads only its own files (no inline script), so it runs under the
 * app's strict Content-Security-Policy unchanged.
 */
export async function apiDocs(app: FastifyInstance): Promise<void> {
  const version = packageVersion()
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'vpclens API',
        version,
        description: 'AWS network topology, versions and exposure. When the server was started with an access '
          + 'token, every /api request needs `Authorization: Bearer <token>` (use Authorize below).',
      },
      components: { securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerToken: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
