import type { FastifyInstance } from 'fastify'
import { type RateLimits, DEFAULT_RATE_LIMITS, rateLimitExpensiveRoutes } from './rateLimitExpensiveRoutes.ts'
import { requireBearerToken } from './requireBearerToken.ts'
import { securityHeaders } from './securityHeaders.ts'

export interface SecurityOptions {
  /** When set, every /api request needs `Authorization: Bearer <token>`. */
  token?: string
  rateLimits?: RateLimits
}

/**
 * Headers (strict CSP), the access token and rate limits, for the whole app. Called before any route
 * is registered: the rate limits attach to routes as they are added.
 */
export async function secureApp(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await securityHeaders(app)
  if (options.token) requireBearerToken(app, options.token)
  await rateLimitExpensiveRoutes(app, options.rateLimits ?? DEFAULT_RATE_LIMITS)
}
