import type { Event } from '@aws-sdk/client-cloudtrail'
import type { AttributionEvent, ResourceAttribution } from '../../shared/index.ts'
import { isAccessDenied, toWarning } from '../discovery/toWarning.ts'
import type { AttributionTarget } from './attributionTargets.ts'
import { type AttributionWindow, CLOUDTRAIL_RETENTION_DAYS } from './attributionWindow.ts'
import { toAttributionEvent } from './toAttributionEvent.ts'

/** Reads CloudTrail for one resource; throws AttributionUnavailable (or an SDK error) when it cannot. */
export type LookupEvents = (target: AttributionTarget, start: Date, end: Date) => Promise<{ events: Event[]; truncated: boolean }>

/** A lookup that cannot be made at all, with the reason to show (e.g. no credentials for an account). */
export class AttributionUnavailable extends Error {}

/** The default bound on resources looked up per diff: CloudTrail answers about 2 calls a second. */
export const DEFAULT_ATTRIBUTE_LIMIT = 50

/**
 * The CloudTrail answer for each target, never an empty one without a reason: a window older than
 * CloudTrail keeps, a denied call, an account without credentials, a resource beyond the limit are
 * `not-available` with the reason, and the rest of the account/region is not asked again after a
 * denial. One account/region at a time sequentially (CloudTrail's rate), the groups concurrently.
 */
export async function collectAttribution(targets: AttributionTarget[], window: AttributionWindow, lookup: LookupEvents,
  limit = DEFAULT_ATTRIBUTE_LIMIT): Promise<ResourceAttribution[]> {
  const unavailable = (t: AttributionTarget, reason: string): ResourceAttribution =>
    ({ resourceId: t.resourceId, account: t.account, region: t.region, state: 'not-available', reason, events: [] })
  if (window.expired) {
    return targets.map((t) => unavailable(t, `older than ${CLOUDTRAIL_RETENTION_DAYS} days: CloudTrail's event history does not go back that far`))
  }
  const results = new Map<AttributionTarget, ResourceAttribution>()
  const groups = new Map<string, AttributionTarget[]>()
  targets.forEach((t, i) => {
    if (i >= limit) {
      results.set(t, unavailable(t, `not looked up: ${targets.length} changed resources, more than the limit of ${limit} (--attribute-limit)`))
      return
    }
    const key = `${t.account}/${t.region}`
    groups.set(key, [...(groups.get(key) ?? []), t])
  })
  await Promise.all([...groups.values()].map(async (group) => {
    let blocked: string | undefined
    for (const t of group) {
      if (blocked) { results.set(t, unavailable(t, blocked)); continue }
      try {
        const { events, truncated } = await lookup(t, window.start, window.end)
        results.set(t, answered(t, events, truncated, window))
      } catch (e) {
        const reason = unavailableReason(t, e)
        results.set(t, unavailable(t, reason))
        // A denial or an unreachable region holds for every resource there: do not ask again.
        blocked = reason
      }
    }
  }))
  return targets.map((t) => results.get(t)!)
}

function answered(t: AttributionTarget, raw: Event[], truncated: boolean, window: AttributionWindow): ResourceAttribution {
  const byId = new Map<string, AttributionEvent>()
  for (const e of raw) {
    const event = toAttributionEvent(e)
    if (event) byId.set(event.eventId || `${event.eventTime}/${event.eventName}/${byId.size}`, event)
  }
  const events = [...byId.values()].sort((a, b) => a.eventTime.localeCompare(b.eventTime))
  const notes = [
    truncated ? 'more events than were read; the oldest are shown' : undefined,
    window.clipped ? `the window starts more than ${CLOUDTRAIL_RETENTION_DAYS} days ago; older events are beyond CloudTrail's history` : undefined,
    window.settling ? 'CloudTrail delivers events up to 15 minutes late; the newest may be missing' : undefined,
    events.length === 0 ? 'no write event names this resource in the window (a change by AWS itself, or one CloudTrail records under another name)' : undefined,
  ].filter((n): n is string => n !== undefined)
  return {
    resourceId: t.resourceId, account: t.account, region: t.region,
    state: events.length > 0 ? 'found' : 'none-found',
    ...(notes.length ? { reason: notes.join('; ') } : {}),
    events,
  }
}

function unavailableReason(t: AttributionTarget, error: unknown): string {
  if (error instanceof AttributionUnavailable) return error.message
  const w = toWarning({ account: t.account, region: t.region, service: 'cloudtrail', operation: 'LookupEvents' }, error)
  if (isAccessDenied(error)) return `no permission: cloudtrail:LookupEvents was denied in ${t.account}/${t.region} (${w.code})`
  return `region not read: CloudTrail in ${t.account}/${t.region} answered ${w.code}: ${w.message}`
}
