import { existsSync, statSync } from 'node:fs'
import { join, normalize } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { SnapshotStore } from './store/SnapshotStore.ts'
import { registerErrorHandler } from './errors.ts'
import { environmentRoutes } from './api/environmentRoutes.ts'
import { graphRoutes } from './api/graphRoutes.ts'
import { analysisRoutes } from './api/analysisRoutes.ts'
import { securityGraphRoutes } from './api/securityGraphRoutes.ts'
import { resourceListRoutes } from './api/resourceListRoutes.ts'
import { diffRoutes } from './api/diffRoutes.ts'
import { historyRoutes } from './api/historyRoutes.ts'
import { timelineRoutes } from './api/timelineRoutes.ts'
import { liveRoutes } from './api/liveRoutes.ts'
import { apiDocs } from './api/docs/apiDocs.ts'
import { refreshRoutes } from './api/refreshRoutes.ts'
import { type Attributor, reportRoutes } from './api/reportRoutes.ts'
import { type SecurityOptions, secureApp } from './security/secureApp.ts'
import { versionResponseCache } from './cache/versionResponseCache.ts'
import { resolveVersionSpecs } from './api/resolveVersionSpecs.ts'
import type { RefreshRunner } from './watch/RefreshRunner.ts'
import type { Policy } from './policy/Policy.ts'
import { todayUtc } from './policy/policyReport.ts'

export interface AppDeps {
  store: SnapshotStore
  /** The built web app (web/dist); omitted in API tests. */
  webDir?: string
  logger?: boolean
  /** Access token and rate limits (server/security). */
  security?: SecurityOptions
  /** Runs discovery for POST /api/environments/:env/refresh (`serve` with discover options). */
  refresher?: RefreshRunner
  /** Reads CloudTrail for …/diff/attribution and attributed reports (`serve --attribute`). */
  attributor?: Attributor
  /** `serve --policy`: accepted items marked in findings and exposure, GET …/policy. */
  policy?: Policy
}

/** Builds the HTTP app: API under /api, the web app at /. Never listens (main.ts does). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1024 * 1024 })
  registerErrorHandler(app)
  // Before any route: both attach to routes as they are registered.
  await secureApp(app, deps.security ?? {})
  await apiDocs(app)
  resolveVersionSpecs(app, deps.store)
  // With a policy, answers also depend on the day (acceptances expire): the day is part of the cache key.
  await versionResponseCache(app, deps.store, undefined, deps.policy ? todayUtc : undefined)
  await app.register(async (api) => {
    await api.register(refreshRoutes, { refresher: deps.refresher })
    await api.register(environmentRoutes, { store: deps.store, policy: deps.policy })
    await api.register(graphRoutes, { store: deps.store })
    await api.register(analysisRoutes, { store: deps.store, policy: deps.policy })
    await api.register(securityGraphRoutes, { store: deps.store })
    await api.register(resourceListRoutes, { store: deps.store })
    await api.register(diffRoutes, { store: deps.store })
    await api.register(reportRoutes, { store: deps.store, attributor: deps.attributor })
    await api.register(historyRoutes, { store: deps.store })
    await api.register(timelineRoutes, { store: deps.store })
    await api.register(liveRoutes, { store: deps.store })
  }, { prefix: '/api' })
  if (deps.webDir && existsSync(deps.webDir)) {
    await app.register(fastifyStatic, { root: deps.webDir, index: 'index.html', wildcard: false })
    // Files added to web/dist after start (a rebuild while serving) are served too; any other path
    // (client-side routes, `/?env=…`) loads the one page. sendFile stays inside webDir.
    const webDir = deps.webDir
    app.get('/*', (request, reply) => {
      const path = decodeURIComponent(request.url.split('?')[0])
      if (path.startsWith('/api/')) {
        return reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${path}` })
      }
      const file = normalize(path).replace(/^(\.\.(\/|\\|$))+/, '').replace(/^[/\\]+/, '')
      if (file && !file.split(/[/\\]/).includes('..') && isFile(join(webDir, file))) return reply.sendFile(file)
      return reply.sendFile('index.html')
    })
  }
  return app
}

function isFile(path: string): boolean {
  try { return statSync(path).isFile() } catch { return false }
}
