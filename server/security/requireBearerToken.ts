import type { FastifyInstance } from 'fastify'
import { tokenMatcher } from './tokenMatcher.ts'

/**
 * Every request under /api must carry `Authorization: Bearer <token>`. The web app's own files and
 * the /docs page stay open (they hold no data, and the page must load to ask for the token);
 * everything that reads or writes snapshots is under /api.
 */
export function requireBearerToken(app: FastifyInstance, token: string): void {
  const matches = tokenMatcher(token)
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0]
    if (path !== '/api' && !path.startsWith('/api/')) return
    if (matches(request.headers.authorization)) return
    return reply.status(401)
      .header('www-authenticate', 'Bearer realm="vpclens"')
      .send({ code: 'unauthorized', message: 'this server requires an access token: send the header Authorization: Bearer <token>' })
  })
}
