import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'

export interface RateLimits {
  /** Discovery runs now, against AWS: a few per minute per client is plenty. */
  refreshPerMinute: number
  /** A diff of two large versions costs seconds of CPU the first time. */
  diffPerMinute: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { refreshPerMinute: 6, diffPerMinute: 60 }

/**
 * Rate limits only on the routes that cost real work (running discovery, diffing two versions);
 * reading graphs and versions stays unlimited. Routes are matched by their URL pattern when they are
 * added, so a diff route written elsewhere is covered without knowing about this file; a route that
 * sets its own `config.rateLimit` keeps it. Must be called before any route is registered.
 */
export async function rateLimitExpensiveRoutes(app: FastifyInstance, limits: RateLimits): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.config && 'rateLimit' in route.config) return
    const max = expensiveRouteLimit(route.method, route.url, limits)
    if (max !== undefined) route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } }
  })
  // Registered after the hook above, so that its own onRoute hook sees the config set there.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `too many requests to this route: at most ${context.max} per minute, retry in ${context.after}`,
    }),
  })
}

/** The per-minute limit for a route, or undefined for a cheap one (polling a refresh's status is cheap). */
export function expensiveRouteLimit(method: string | string[], url: string, limits: RateLimits): number | undefined {
  if (!url.startsWith('/api/')) return undefined
  const segments = url.split('/')
  const methods = Array.isArray(method) ? method : [method]
  if (segments.at(-1) === 'refresh' && methods.includes('POST')) return limits.refreshPerMinute
  if (segments.includes('diff')) return limits.diffPerMinute
  return undefined
}
