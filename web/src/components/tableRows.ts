/**
 * Filtering and sorting of list rows (findings, resources). Pure: the views call it with what the
 * user typed and clicked.
 */
export interface SortState<K extends string> { key: K; dir: 'asc' | 'desc' }

/**
 * Rows whose text contains every word of `query` (case-insensitive; `key:value` words match only that
 * field, e.g. `kind:security-group vpc:vpc-0a`).
 */
export function filterRows<R>(rows: readonly R[], query: string, fields: (row: R) => Record<string, string>): R[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...rows]
  return rows.filter((row) => {
    const f = fields(row)
    const all = Object.values(f).join('\u0000').toLowerCase()
    return words.every((w) => {
      const i = w.indexOf(':')
      if (i > 0) {
        const key = w.slice(0, i), value = w.slice(i + 1)
        const field = Object.entries(f).find(([k]) => k.toLowerCase() === key)
        if (field) return field[1].toLowerCase().includes(value)
      }
      return all.includes(w)
    })
  })
}

/** A stable sort on one column; numbers (and IP-like strings) compare by value, ties keep input order. */
export function sortRows<R, K extends string>(rows: readonly R[], sort: SortState<K>, value: (row: R, key: K) => string | number): R[] {
  const sign = sort.dir === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: value(row, sort.key) }))
    .sort((a, b) => sign * compareValues(a.v, b.v) || a.i - b.i)
    .map((x) => x.row)
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = String(a), sb = String(b)
  return sa.localeCompare(sb, 'en', { numeric: true, sensitivity: 'base' })
}
