import type { FieldChange } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'
import { appendAll } from '../../shared/appendAll.ts'

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Field-level changes between two values: objects are walked key by key, anything else (scalars,
 * lists) is compared whole by its canonical text, so a list returned in another order is no change.
 * Recursive over the depth of stored resources, which import bounds (MAX_JSON_DEPTH).
 */
export function diffFields(path: string, before: unknown, after: unknown, skip: ReadonlySet<string> = new Set()): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const out: FieldChange[] = []
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    for (const k of keys) {
      if (skip.has(k)) continue
      appendAll(out, diffFields(path ? `${path}.${k}` : k, before[k], after[k]))
    }
    return out
  }
  if (canonicalJson(before) === canonicalJson(after)) return []
  return [{ path, before: before ?? null, after: after ?? null }]
}
