import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ENV_NAME_PATTERN, isTimeSpec, resolveVersion, VersionSpecError, VersionSpecString } from '../../shared/index.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { AppError, notFound } from '../errors.ts'

const ENV = new RegExp(ENV_NAME_PATTERN)

/**
 * Versions by time in the API: on every /api/environments/:env route, the path parameter `version`
 * and the query fields `from` and `to` may be a time (shared/resolveVersion.ts), replaced here by the
 * id of the version current then before the schema is checked, so handlers, caches and rate limits
 * only ever see ids and `latest`. Errors name the parameter: 400 for a malformed time or one in the
 * future, 404 for a time before the first stored version. A response to a time carries
 * `X-Vpclens-Version` (the id it chose) and, when the time is later than the latest version's last
 * check, `X-Vpclens-After-Last-Check: true`. Must be called before any route is registered.
 */
export function resolveVersionSpecs(app: FastifyInstance, store: SnapshotStore): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/environments/:env/')) return
    const fields = [
      ...(route.url.includes(':version') ? [['params', 'version'] as const] : []),
      ...(['from', 'to'] as const).filter((f) => hasQueryField(route.schema?.querystring, f)).map((f) => ['querystring', f] as const),
    ]
    if (fields.length === 0) return
    const hooks = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]
    route.preValidation = [async (request: FastifyRequest, reply: FastifyReply) => {
      const env = (request.params as { env?: string }).env
      // A bad environment name is the schema's to report.
      if (env === undefined || !ENV.test(env)) return
      for (const [where, name] of fields) {
        const bag = (where === 'params' ? request.params : request.query) as Record<string, unknown>
        const spec = bag[name]
        if (typeof spec !== 'string' || spec === '') continue
        bag[name] = await resolveField(store, env, spec, `${where}.${name}`, reply)
      }
    }, ...hooks]
  })
}

async function resolveField(store: SnapshotStore, env: string, spec: string, field: string, reply: FastifyReply): Promise<string> {
  const time = isTimeSpec(spec)
  const versions = time ? await store.listVersions(env) : []
  try {
    const resolved = resolveVersion(spec, versions, Date.now())
    if (time) {
      // For a diff, the header names both ends: `from=1, to=3`.
      const prior = reply.getHeader('x-vpclens-version')
      const mine = field.startsWith('params.') ? resolved.id : `${field.slice('querystring.'.length)}=${resolved.id}`
      reply.header('x-vpclens-version', prior === undefined ? mine : `${String(prior)}, ${mine}`)
      if (resolved.afterLastCheck) reply.header('x-vpclens-after-last-check', 'true')
    }
    return resolved.id
  } catch (e) {
    if (!(e instanceof VersionSpecError)) throw e
    if (e.problem === 'no_versions') throw notFound(`environment ${env}`)
    if (e.problem === 'before_first') throw new AppError('not_found', 404, `${field}: ${e.message}`)
    throw new AppError('bad_request', 400, `${field}: ${e.message}`)
  }
}

/**
 * Whether the route's query has this field as a version (the VersionSpecString schema): `from`/`to`
 * of a diff or report are versions, `to` of `reach` is a network interface.
 */
function hasQueryField(schema: unknown, name: string): boolean {
  const props = (schema as { properties?: Record<string, { description?: unknown }> } | undefined)?.properties
  return props?.[name]?.description === (VersionSpecString as { description?: string }).description
}
