/**
 * Today (UTC, YYYY-MM-DD): part of the cache key of what a policy marks (findings, exposure, the
 * policy report), because an acceptance stops applying after its `expires` day. A page left open
 * over midnight reads them again instead of showing an expired acceptance as active.
 */
export function utcDay(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}
