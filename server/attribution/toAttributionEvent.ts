import type { Event } from '@aws-sdk/client-cloudtrail'
import type { AttributionEvent } from '../../shared/index.ts'

interface CloudTrailRecord {
  userIdentity?: { arn?: unknown; type?: unknown; invokedBy?: unknown }
  sourceIPAddress?: unknown
  userAgent?: unknown
  errorCode?: unknown
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v.slice(0, 2048) : undefined)

/**
 * One LookupEvents event as an AttributionEvent, or undefined when it cannot have changed anything:
 * read-only calls (Describe*, including vpclens's own) and calls that failed (an errorCode in the
 * record: AccessDenied, a dry run). The embedded CloudTrail record is untrusted JSON; a record that
 * does not parse still gives the fields LookupEvents returns beside it.
 */
export function toAttributionEvent(e: Event): AttributionEvent | undefined {
  if (e.ReadOnly === 'true') return undefined
  let record: CloudTrailRecord = {}
  try {
    const parsed: unknown = e.CloudTrailEvent ? JSON.parse(e.CloudTrailEvent) : {}
    if (parsed && typeof parsed === 'object') record = parsed as CloudTrailRecord
  } catch { /* keep the outer fields */ }
  if (str(record.errorCode)) return undefined
  const identity = record.userIdentity ?? {}
  return {
    eventId: str(e.EventId) ?? '',
    eventTime: e.EventTime instanceof Date && !Number.isNaN(e.EventTime.getTime()) ? e.EventTime.toISOString() : '',
    eventName: str(e.EventName) ?? '',
    eventSource: str(e.EventSource) ?? '',
    ...optional('principalArn', str(identity.arn) ?? str(identity.invokedBy)),
    ...optional('userName', str(e.Username)),
    ...optional('sourceIp', str(record.sourceIPAddress)),
    ...optional('userAgent', str(record.userAgent)),
  }
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : { [key]: value } as Record<K, string>)
