/**
 * Canonical form: object keys sorted, volatile keys dropped, and arrays sorted by their items'
 * canonical text — AWS returns lists (rules, routes, entries, tags) in no guaranteed order, and none
 * of the lists vpclens keeps has a meaningful order, so sorting them makes the same environment
 * serialize, and hash, the same way every time.
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

/**
 * A canonical copy of a JSON-like value. Its keys are inserted in sorted order, so the native
 * JSON.stringify of the result is the canonical text (and much faster than building it by hand).
 * Recursive over the value's depth, which is bounded: SDK shapes for discovery, and at most
 * MAX_JSON_DEPTH for import (server/import/splitJsonDocuments.ts refuses deeper files).
 */
export function canonicalize(value: unknown): unknown {
  // Scalars first: they are most of the values.
  if (typeof value !== 'object') {
    if (value === undefined) return null
    return typeof value === 'bigint' ? value.toString() : value
  }
  if (value === null) return null
  if (Array.isArray(value)) {
    const values: unknown[] = []
    for (const v of value) if (v !== undefined) values.push(canonicalize(v))
    // Most lists hold one item or none: nothing to sort, and no item text to build.
    if (values.length < 2) return values
    const items = values.map((c) => ({ text: String(JSON.stringify(c)), value: c }))
    items.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    return items.map((i) => i.value)
  }
  if (value instanceof Date) return value.toISOString()
  const keys = Object.keys(value)
  // SDK shapes mostly list their members in order already; sort only when they do not.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort()
      break
    }
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k]
    if (v === undefined || VOLATILE_KEYS.has(k)) continue
    out[k] = canonicalize(v)
  }
  return out
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value))
}
