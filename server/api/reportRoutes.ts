import type { FastifyPluginAsync } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ApiError, Attribution, DiffQuery, EnvParams, ReportQuery } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { attributeDiff } from '../attribution/attributeDiff.ts'
import type { AttributionTarget } from '../attribution/attributionTargets.ts'
import type { LookupEvents } from '../attribution/collectAttribution.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { AppError } from '../errors.ts'
import { formatReportHtml } from '../report/formatReportHtml.ts'
import { formatReportMarkdown } from '../report/formatReportMarkdown.ts'
import { incidentReport } from '../report/incidentReport.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { side } from './diffRoutes.ts'

/** CloudTrail access for `serve --attribute`: the discover flags' credentials, a limit, the cache's data dir. */
export interface Attributor { lookup: (targets: AttributionTarget[]) => Promise<LookupEvents>; limit: number; dataDir: string }

export interface ReportRouteDeps { store: SnapshotStore; attributor?: Attributor }

const unavailable = () => new AppError('attribution_unavailable', 409,
  'this server was started without --attribute, so it does not read CloudTrail: run `vpclens serve --attribute` (with --profile, --role-arn, … as for discover)')

/** Who changed what between two versions (CloudTrail), and the incident report as a file to download. */
export const reportRoutes: FastifyPluginAsync<ReportRouteDeps> = async (app, { store, attributor }) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  const load = async (env: string, fromId: string, toId: string, attribute: boolean) => {
    if (attribute && !attributor) throw unavailable()
    const from = await side(store, env, fromId, 'from')
    const to = await side(store, env, toId, 'to')
    const diff = diffVersions(from, to)
    const attribution = attribute && attributor
      ? await attributeDiff({ env, dataDir: attributor.dataDir, diff, from, to, limit: attributor.limit, lookup: attributor.lookup })
      : undefined
    return { from, to, diff, attribution }
  }

  api.get('/environments/:env/diff/attribution', {
    schema: {
      summary: 'Who made the changes between two versions: AWS CloudTrail management events per changed resource (serve --attribute)',
      params: EnvParams, querystring: DiffQuery, response: { 200: Attribution, 404: ApiError, 409: ApiError },
    },
  }, async (request) => (await load(request.params.env, request.query.from, request.query.to, true)).attribution!)

  api.get('/environments/:env/report', {
    schema: {
      summary: 'An incident report of two versions as one self-contained file (HTML without script, or Markdown)',
      params: EnvParams, querystring: ReportQuery,
      response: { 200: Type.String({ description: 'text/html or text/markdown, as an attachment' }), 404: ApiError, 409: ApiError },
    },
  }, async (request, reply) => {
    const { env } = request.params
    const { from, to, diff, attribution } = await load(env, request.query.from, request.query.to, request.query.attribute ?? false)
    const report = incidentReport({ env, from, to, diff, findings: analyzeSnapshot(to.snapshot).findings, attribution, now: new Date() })
    const html = (request.query.format ?? 'html') === 'html'
    return reply
      .type(html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="vpclens-${env}-${from.id}-${to.id}.${html ? 'html' : 'md'}"`)
      .send(html ? formatReportHtml(report) : formatReportMarkdown(report))
  })
}
