import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { ApiError, ExposureReport, ExposureSummary, FindingsReport, PolicyReport, ReachQuery, ReachResult, VersionParams } from '../../shared/index.ts'
import { analyzeSnapshot, type SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import { reach } from '../analysis/reach.ts'
import { ReachQueryError } from '../analysis/ReachQueryError.ts'
import { exposureReport, exposureSummary, findingsReport } from '../analysis/reports.ts'
import { HashCache } from '../cache/HashCache.ts'
import { AppError } from '../errors.ts'
import { evaluatePolicy, type PolicyEvaluation } from '../policy/evaluatePolicy.ts'
import type { Policy } from '../policy/Policy.ts'
import { policyReport, todayUtc } from '../policy/policyReport.ts'
import type { RouteDeps } from './environmentRoutes.ts'
import { loadSnapshot } from './loadSnapshot.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { nativeJsonSerializer } from './nativeJsonSerializer.ts'

export interface AnalysisRouteDeps extends RouteDeps {
  /** `serve --policy`: findings and exposures carry their acceptance, and `…/policy` answers. */
  policy?: Policy
}

/**
 * Internet exposure, findings and reachability queries of a version, computed once per snapshot hash;
 * with a policy, evaluated once per hash and day (acceptances expire at the end of a day).
 */
export const analysisRoutes: FastifyPluginAsync<AnalysisRouteDeps> = async (app, { store, policy }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()
  // Analyses of large environments take hundreds of MB: keep few.
  const cache = new HashCache<SnapshotAnalysis>(4)
  const evaluations = new HashCache<PolicyEvaluation>(4)
  const load = async (env: string, version: string) => {
    const snapshot = await loadSnapshot(store, env, version)
    const id = await versionId(store, env, version)
    const analysis = cache.get(snapshot.hash, () => analyzeSnapshot(snapshot))
    const today = todayUtc()
    const ev = policy && evaluations.get(`${snapshot.hash}|${today}`, () => evaluatePolicy(policy, snapshot, analysis, today))
    return { analysis, ev, id, hash: snapshot.hash }
  }

  api.get('/environments/:env/versions/:version/exposure', {
    ...nativeJsonSerializer,
    schema: {
      summary: 'Internet exposure of every network interface, with traces, and open security groups that are not exposed',
      params: VersionParams, response: { 200: ExposureReport, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, ev, id, hash } = await load(env, version)
    return exposureReport(ev ? { ...analysis, exposure: { ...analysis.exposure, exposures: ev.exposures } } : analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/exposure/summary', {
    ...nativeJsonSerializer,
    schema: {
      summary: 'Internet exposure in brief (element ids, severity, protocol, ports, load balancer listener, acceptance with `serve --policy`): what the web overlay draws',
      params: VersionParams, response: { 200: ExposureSummary, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, ev, id, hash } = await load(env, version)
    return exposureSummary(ev ? { ...analysis, exposure: { ...analysis.exposure, exposures: ev.exposures } } : analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/findings', {
    schema: { summary: 'Findings with severities', params: VersionParams, response: { 200: FindingsReport, 404: ApiError } },
  }, async (request) => {
    const { env, version } = request.params
    const { analysis, ev, id, hash } = await load(env, version)
    return findingsReport(ev ? { ...analysis, findings: ev.findings } : analysis, env, id, hash)
  })

  api.get('/environments/:env/versions/:version/policy', {
    schema: {
      summary: 'The policy (`serve --policy`) applied to a version: acceptances with their status, scopes with their violations and traces',
      params: VersionParams, response: { 200: PolicyReport, 404: ApiError },
    },
  }, async (request) => {
    const { env, version } = request.params
    if (!policy) throw new AppError('not_found', 404, 'no policy: serve was started without --policy')
    const { ev, id, hash } = await load(env, version)
    return policyReport(ev!, env, id, hash)
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
