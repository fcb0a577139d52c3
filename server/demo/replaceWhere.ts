/**
 * Replaces the first item matching `match` with an edited deep copy, leaving the original (shared with
 * earlier versions, see copyRegion) untouched. Throws when nothing matches: a story step whose anchor is
 * missing must fail loudly, not produce a version without its change.
 */
export function replaceWhere<T>(list: T[], match: (item: T) => boolean, edit: (copy: T) => void, what: string): T {
  const index = list.findIndex(match)
  if (index < 0) throw new Error(`demo story: ${what} not found`)
  const copy = structuredClone(list[index])
  edit(copy)
  list[index] = copy
  return copy
}
