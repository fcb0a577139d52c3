/**
 * The five severity levels, most severe first: used by findings, exposures, diff changes, `check
 * --fail-on` and webhook alerts alike. `info` marks what tightens or does not affect security.
 */
import Type, { type Static } from 'typebox'

export const Severity = Type.Union([
  Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low'), Type.Literal('info'),
])
export type Severity = Static<typeof Severity>
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info']
