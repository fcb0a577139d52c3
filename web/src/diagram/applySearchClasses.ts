import type { Core } from 'cytoscape'

export interface Highlight {
  /** Matching node ids (some may be inside a collapsed subnet, hence not drawn). */
  matches: ReadonlySet<string>
  /** The focused result. */
  current: string | null
  /** Drawn stand-ins for matches that are not drawn: the collapsed subnet holding them. */
  standIns?: ReadonlyMap<string, string>
}

/**
 * Search classes, in one batch: `search-match` on results (and on a collapsed subnet holding some),
 * `search-current` on the focused one, `search-dim` on everything else except the containers around
 * a result (Cytoscape multiplies a parent's opacity into its children). Classes, not inline style.
 */
export function applySearchClasses(cy: Core, h: Highlight | null): void {
  cy.batch(() => {
    cy.elements('.search-match, .search-current, .search-dim').removeClass('search-match search-current search-dim')
    if (h === null) return
    const lit = cy.collection()
    for (const id of h.matches) {
      let el = cy.getElementById(id)
      if (el.empty()) {
        const standIn = h.standIns?.get(id)
        if (standIn === undefined) continue
        el = cy.getElementById(standIn)
        if (el.empty()) continue
      }
      lit.merge(el)
    }
    lit.addClass('search-match')
    if (h.current !== null) cy.getElementById(h.current).addClass('search-current')
    const keep = lit.union(lit.ancestors())
    cy.elements().difference(keep).addClass('search-dim')
  })
}
