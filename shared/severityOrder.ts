import { SEVERITIES, type Severity } from './schemas/severity.ts'

// The order of severities, for every part that ranks or thresholds them (diff, findings, check, watch).

/** 0 for critical … 4 for info, so sorting ascending puts the most severe first. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s)
}

export function maxSeverity(...all: readonly Severity[]): Severity {
  let best: Severity = 'info'
  for (const s of all) if (severityRank(s) < severityRank(best)) best = s
  return best
}

/** Whether `s` is at least as severe as `threshold`. */
export function reaches(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold)
}

/** Caps a severity: never more severe than `cap`. */
export function capSeverity(s: Severity, cap: Severity): Severity {
  return severityRank(s) < severityRank(cap) ? cap : s
}
