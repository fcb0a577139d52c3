/** `2026-11-29T12:04:05.123Z` → `2026-11-29 12:04 UTC`; anything unparsable is shown as given. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
