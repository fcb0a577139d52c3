/**
 * Canonical JSON: object keys sorted, volatile keys dropped, and arrays sorted by their own canonical
 * text — AWS returns lists (rules, routes, entries, tags) in no guaranteed order, and none of the
 * lists vpclens keeps has a meaningful order, so sorting them makes the same environment serialize,
 * and hash, the same way every time.
 */

/** Fields that change without anything in the network changing. Dropped wherever they appear. */
export const VOLATILE_KEYS: ReadonlySet<string> = new Set([
  'AvailableIpAddressCount',
  'LaunchTime',
  'CreateTime',
  'CreatedTime',
  'CreationTimestamp',
  'ExpirationTime',
  'UsageOperationUpdateTime',
  'TargetHealth',
  'ResponseMetadata',
  '$metadata',
])

export function canonicalJson(value: unknown): string {
  return serialize(value)
}

function serialize(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map(serialize)
    items.sort()
    return `[${items.join(',')}]`
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => !VOLATILE_KEYS.has(k)).sort()
    const parts: string[] = []
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k]
      if (v === undefined) continue
      parts.push(`${JSON.stringify(k)}:${serialize(v)}`)
    }
    return `{${parts.join(',')}}`
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString())
  return JSON.stringify(value)
}
