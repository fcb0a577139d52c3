import type { VersionSummary } from '../../shared/index.ts'

/** CloudTrail's event history (LookupEvents) keeps management events for 90 days. */
export const CLOUDTRAIL_RETENTION_DAYS = 90
/** A change made while a run was reading may postdate what that run read: start a little earlier. */
export const RUN_MARGIN_MS = 15 * 60_000
/** CloudTrail delivers an event within about 15 minutes of the call (AWS's own figure). */
export const DELIVERY_DELAY_MS = 15 * 60_000

export interface AttributionWindow {
  start: Date
  end: Date
  /** The whole window is older than CloudTrail keeps. */
  expired: boolean
  /** The window begins before the retention horizon: what is older was not searched. */
  clipped: boolean
  /** The window ends so recently that events may still be on their way (the answer is not cached). */
  settling: boolean
}

/**
 * Where the changes between two versions can have happened: after the earlier version was last
 * confirmed by a run (checkedAt, less a run's margin), up to the time the later version was recorded.
 */
export function attributionWindow(a: VersionSummary, b: VersionSummary, now: Date): AttributionWindow {
  const [earlier, later] = Number(a.id) <= Number(b.id) ? [a, b] : [b, a]
  const horizon = now.getTime() - CLOUDTRAIL_RETENTION_DAYS * 86_400_000
  const rawStart = Date.parse(earlier.checkedAt) - RUN_MARGIN_MS
  const end = Date.parse(later.createdAt)
  return {
    start: new Date(Math.max(rawStart, horizon)),
    end: new Date(end),
    expired: end < horizon,
    clipped: rawStart < horizon && end >= horizon,
    settling: now.getTime() - end < DELIVERY_DELAY_MS,
  }
}
