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
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) {
    const items: { text: string; value: unknown }[] = []
    for (const v of value) {
      if (v === undefined) continue
      const c = canonicalize(v)
      items.push({ text: typeof c === 'object' && c !== null ? JSON.stringify(c) : String(JSON.stringify(c)), value: c })
    }
    items.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    return items.map((i) => i.value)
  }
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value as object).sort()) {
      if (VOLATILE_KEYS.has(k)) continue
      const v = (value as Record<string, unknown>)[k]
      if (v === undefined) continue
      out[k] = canonicalize(v)
    }
    return out
  }
  if (typeof value === 'bigint') return value.toString()
  return value
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value))
}
