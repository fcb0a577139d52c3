import { type Coverage, describeNotCollected, type UnknownVerdict } from '../../shared/index.ts'
import { shortArn, table } from './exposureCommand.ts'

/** Exit code of `check` and `reach --from` when the data needed to decide is missing (README "Incomplete data"). */
export const EXIT_UNKNOWN = 3

/** The verdicts the data cannot decide, as a table after the report's own (stdout). */
export function unknownTable(unknown: readonly UnknownVerdict[]): string {
  if (unknown.length === 0) return ''
  const rows = unknown.map((u) => ['unknown', u.check, u.resourceIds.length ? u.resourceIds.slice(0, 2).map(shortArn).join(' ') : `${u.account}/${u.region}`, u.worstCase, u.detail])
  return '\n' + table(['VERDICT', 'CHECK', 'SUBJECT', 'WORST CASE', 'WHY'], rows)
}

/** One line for stderr when the version lacks data: which calls, where, and how many verdicts are unknown. */
export function coverageText(coverage: Coverage, unknown: number): string {
  if (coverage.complete) return ''
  const parts = describeNotCollected(coverage.notCollected)
  const integrity = coverage.integrity.length ? [`${coverage.integrity.length} integrity warning(s) (duplicates, dangling references)`] : []
  return `incomplete data: ${[...parts, ...integrity].join('; ')}. ${unknown} verdict(s) unknown.\n`
}
