import { forwardRef } from 'react'
import type { SearchState } from '../state/useSearch.ts'
import './search.css'

const HELP = 'Search by id or name; tag:env=prod, ip:10.0.1.0/24, type:ec2, port:22. Enter: next result, Shift+Enter: previous, Esc: clear, /: focus'

/** The header's search: a query box, the result count and next/previous. */
export const SearchBox = forwardRef<HTMLInputElement, { search: SearchState }>(function SearchBox({ search }, ref) {
  const n = search.ids.length
  const active = search.query.trim() !== ''
  const count = !active ? '' : n === 0 ? 'No matches' : search.index >= 0 ? `${search.index + 1} of ${n}` : `${n} ${n === 1 ? 'match' : 'matches'}`
  return (
    <div className="search" role="search" data-testid="search">
      <input
        ref={ref}
        type="search"
        className="search-input"
        data-testid="search-input"
        placeholder="Search  ( / )"
        aria-label="Search resources"
        title={HELP}
        value={search.query}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => search.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            if (e.shiftKey) search.previous()
            else search.next()
          }
        }}
      />
      {active && (
        <span className="search-count" data-testid="search-count" data-count={n} aria-live="polite">{count}</span>
      )}
      {active && search.errors.length > 0 && (
        <span className="search-error" data-testid="search-error" title={search.errors.join('\n')}>{search.errors[0]}</span>
      )}
      <button type="button" className="search-step" aria-label="Previous result (Shift+Enter)" data-testid="search-previous" disabled={n === 0} onClick={search.previous}>‹</button>
      <button type="button" className="search-step" aria-label="Next result (Enter)" data-testid="search-next" disabled={n === 0} onClick={search.next}>›</button>
    </div>
  )
})
