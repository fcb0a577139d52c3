import { SDK_TIMESTAMP_MEMBERS } from './sdkTimestampMembers.ts'

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * The AWS CLI's text timestamps → the Date objects the SDK returns, for members the SDK declares as
 * timestamps only (a tag value or description that looks like a date stays text). Returns a new value.
 * Recursive, but over a value no deeper than MAX_JSON_DEPTH: splitJsonDocuments refuses deeper files.
 */
export function reviveTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveTimestamps)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (SDK_TIMESTAMP_MEMBERS.has(k) && typeof v === 'string' && ISO_DATE_TIME.test(v)) {
      // Text without an offset is UTC in AWS output; say so, or Date would read it as local time.
      const d = new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`)
      out[k] = Number.isNaN(d.getTime()) ? v : d
    } else out[k] = reviveTimestamps(v)
  }
  return out
}
