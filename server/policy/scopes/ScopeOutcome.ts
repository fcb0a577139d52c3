import type { ScopeViolation } from '../../../shared/index.ts'

/** What one scope evaluator finds: its violations (accepted marks are added later) and what it could not answer. */
export interface ScopeOutcome {
  violations: Array<Omit<ScopeViolation, 'accepted'>>
  unknown: string[]
  truncated: boolean
}

/** At most this many violations are listed per scope; the rest are counted by `truncated`. */
export const MAX_VIOLATIONS = 100
