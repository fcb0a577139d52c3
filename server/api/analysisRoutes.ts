import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, ExposureReport, ExposureSummary, FindingsReport, ReachQuery, ReachResult, VersionParams } from '../../shared/index.ts'
import { analyzeSnapshot, type SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import { reach } from '../analysis/reach.ts'
import { ReachQueryError } from '../analysis/ReachQueryError.ts'
import { exposureReport, exposureSummary, findingsReport } from '../analysis/reports.ts'
import { HashCache } from '../cache/HashCache.ts'
import { AppError } from '../errors.ts'
import type { RouteDeps } from './environmentRoutes.ts'
import { loadSnapshot } from './loadSnapshot.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { nativeJsonSerializer } from './nativeJsonSerializer.ts'

/** Internet exposure, findings and reachability queries of a version, computed once per snapshot hash. */
export const analysisRoutes: FastifyPluginAsync<RouteDeps> = async (app, { store }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  // Analyses of large environments take hundreds of MB: keep few.
  const cache = new HashCache<SnapshotAnalysis>(4)
  const load = async (env: string, version: string) => {
    const snapshot = await loadSnapshot(store, env, version)
    const id = await versionId(store, env, version)
    return { analysis: cache.get(snapshot.hash, () => analyzeSnapshot(snapshot)), id, hash: snapshot.hash }
  }

  api.get('/environments/:env/versions/:version/exposure', {
    ...nativeJsonSerializer,
    schema: {
      summary: 'Internet exposure of every network interface, with traces, and open security groups that are not exposed',
      params: VersionParams, response: { 200: ExposureReport, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, id, hash } = await load(env, version)
    return exposureReport(analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/exposure/summary', {
    ...nativeJsonSerializer,
    schema: {
      summary: 'Internet exposure in brief (element ids, severity, protocol, ports, load balancer listener): what the web overlay draws',
      params: VersionParams, response: { 200: ExposureSummary, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, id, hash } = await load(env, version)
    return exposureSummary(analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/findings', {
    schema: { summary: 'Findings with severities', params: VersionParams, response: { 200: FindingsReport, 404: ApiError } },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, id, hash } = await load(env, version)
    return findingsReport(analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/reach', {
    schema: {
      summary: 'What can reach `to` (without `from`), or can `from` reach `to` on protocol/port',
      params: VersionParams, querystring: ReachQuery, response: { 200: ReachResult, 400: ApiError, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis } = await load(env, version)
    try {
      return reach(analysis, request.query)
    } catch (e) {
      if (e instanceof ReachQueryError) throw new AppError('bad_request', 400, `querystring.${e.message}`)
      throw e
    }
  })
}

async function versionId(store: SnapshotStore, env: string, version: string): Promise<string> {
  return (await store.getVersion(env, version))?.id ?? version
}
