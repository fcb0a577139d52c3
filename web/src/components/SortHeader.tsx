import type { SortState } from './tableRows.ts'

interface Props<K extends string> { label: string; column: K; sort: SortState<K>; onSort: (s: SortState<K>) => void }

/** A column header that sorts by its column; a second click reverses the order. */
export function SortHeader<K extends string>({ label, column, sort, onSort }: Props<K>) {
  const active = sort.key === column
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" data-testid={`sort-${column}`}
        onClick={() => onSort({ key: column, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
        {label}<span aria-hidden="true" className="sort-mark">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  )
}
