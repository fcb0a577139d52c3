/**
 * Styles of the large-environment view and of search results. Classes only; solid fills and
 * borders, so WebGL mode draws them as it draws the rest.
 */
import type { StylesheetJson } from 'cytoscape'

export const SEARCH_COLOUR = '#f59e0b'

export const lodStylesheet: StylesheetJson = [
  // A collapsed subnet: its box, its name and what it holds, in a font sized to the box.
  {
    selector: 'node.subnet.collapsed',
    style: {
      'text-valign': 'center', 'text-halign': 'center', 'text-margin-y': 0, 'text-wrap': 'wrap',
      'font-size': 'data(fontSize)', 'font-weight': 'bold', 'line-height': 1.25, 'text-max-width': 'data(w)', 'text-overflow-wrap': 'anywhere',
      'border-width': 2, 'min-zoomed-font-size': 0,
    },
  },
  { selector: 'edge.bundle', style: { width: 3 } },
  { selector: 'edge.lb-target.bundle', style: { width: 3, 'arrow-scale': 1.2 } },
  // Search: results ringed, the current one stronger, everything else faded.
  {
    selector: 'node.search-match',
    style: { 'border-color': SEARCH_COLOUR, 'border-width': 3, 'underlay-color': SEARCH_COLOUR, 'underlay-opacity': 0.35, 'underlay-padding': 6, 'underlay-shape': 'round-rectangle' },
  },
  { selector: 'node.container.search-match', style: { 'underlay-opacity': 0.18 } },
  { selector: 'node.search-current', style: { 'underlay-opacity': 0.7, 'underlay-padding': 9, 'border-width': 4 } },
  { selector: 'edge.search-match', style: { 'line-color': SEARCH_COLOUR, width: 3 } },
  { selector: '.search-dim', style: { opacity: 0.22 } },
  { selector: 'node.container.search-dim', style: { opacity: 0.45 } },
]
