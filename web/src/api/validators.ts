/**
 * The checkers of every API response the web reads: generated at build time from the shared schemas
 * (web/plugins/compiledValidators.ts), because the CSP forbids compiling them in the page and the
 * interpreted checker needs seconds for a 20,000-interface graph. Only a failed check goes back to
 * the interpreted one, to name the first field that is wrong.
 */
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import {
  Diff, DiffGraph, EnvironmentList, ExposureReport, ExposureSummary, FindingsReport, Graph, LatestVersion, PolicyReport, RefreshStatus, Resource,
  ResourceList, SecurityGraph, Timeline, VersionList,
} from '../../../shared/index.ts'
import { Check as checkDiff } from 'virtual:validator/Diff'
import { Check as checkDiffGraph } from 'virtual:validator/DiffGraph'
import { Check as checkEnvironmentList } from 'virtual:validator/EnvironmentList'
import { Check as checkExposureReport } from 'virtual:validator/ExposureReport'
import { Check as checkExposureSummary } from 'virtual:validator/ExposureSummary'
import { Check as checkFindingsReport } from 'virtual:validator/FindingsReport'
import { Check as checkGraph } from 'virtual:validator/Graph'
import { Check as checkLatestVersion } from 'virtual:validator/LatestVersion'
import { Check as checkPolicyReport } from 'virtual:validator/PolicyReport'
import { Check as checkRefreshStatus } from 'virtual:validator/RefreshStatus'
import { Check as checkResource } from 'virtual:validator/Resource'
import { Check as checkResourceList } from 'virtual:validator/ResourceList'
import { Check as checkSecurityGraph } from 'virtual:validator/SecurityGraph'
import { Check as checkTimeline } from 'virtual:validator/Timeline'
import { Check as checkVersionList } from 'virtual:validator/VersionList'

const compiled = new Map<TSchema, (value: unknown) => boolean>([
  [Diff, checkDiff], [DiffGraph, checkDiffGraph], [EnvironmentList, checkEnvironmentList], [ExposureReport, checkExposureReport],
  [ExposureSummary, checkExposureSummary], [FindingsReport, checkFindingsReport], [Graph, checkGraph], [LatestVersion, checkLatestVersion], [PolicyReport, checkPolicyReport],
  [RefreshStatus, checkRefreshStatus],
  [Resource, checkResource], [ResourceList, checkResourceList], [SecurityGraph, checkSecurityGraph], [Timeline, checkTimeline],
  [VersionList, checkVersionList],
])

/** True when the schema has a build-time checker (a schema without one is checked by the slow interpreted path). */
export const hasCompiledValidator = (schema: TSchema) => compiled.has(schema)

/**
 * null when `value` matches `schema`, else the first problem, naming the field by its JSON pointer
 * (`/nodes/3/kind: must be equal to one of …`).
 */
export function responseProblem(schema: TSchema, value: unknown): string | null {
  const check = compiled.get(schema)
  if (check ? check(value) : Value.Check(schema, value)) return null
  const first = Value.Errors(schema, value)[0]
  if (!first) return 'does not match the expected shape'
  return `${first.instancePath === '' ? '(the whole body)' : first.instancePath}: ${first.message}`
}
