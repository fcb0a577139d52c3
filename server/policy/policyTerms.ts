/**
 * The small vocabulary of policy files: port ranges (`22`, `"8000-8100"`) and tags (`team=web`,
 * `tag:team=web`, `team`). Validated once by parsePolicy; evaluation reads them with these.
 */

/** `22` → [22, 22]; `"8000-8100"` → [8000, 8100]; undefined when it is not a range of 0-65535, low first. */
export function portRange(p: number | string): [number, number] | undefined {
  const [a, b = a] = String(p).split('-').map(Number)
  return Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b <= 65535 && a <= b ? [a, b] : undefined
}

/** `tag:team=web` / `team=web` → { key: team, value: web }; `team` → { key: team } (any value). */
export function parseTag(text: string): { key: string; value?: string } {
  const t = text.startsWith('tag:') ? text.slice(4) : text
  const i = t.indexOf('=')
  return i < 0 ? { key: t } : { key: t.slice(0, i), value: t.slice(i + 1) }
}

export function tagMatches(tags: Record<string, string> | undefined, tag: { key: string; value?: string }): boolean {
  if (!tags || !(tag.key in tags)) return false
  return tag.value === undefined || tags[tag.key] === tag.value
}

/** Protocols whose `port` means something (for ICMP: the type). */
export const PORTFUL = new Set(['tcp', 'udp', 'icmp', 'icmpv6'])
