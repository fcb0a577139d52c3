import type { Tag } from '../../shared/index.ts'

/** AWS tag lists as a plain map. Keys and values stay untrusted text. */
export function tagsToMap(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const t of tags ?? []) if (typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '')
  return out
}
