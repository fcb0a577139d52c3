/**
 * The diff view's part of the one stylesheet (stylesheet.ts spreads it in after the kind colours, so
 * it wins over them). Each status has a colour *and* a line style, and diffElements puts a glyph in
 * front of the label: added solid thick, removed dashed (canvas mode; WebGL mode draws it solid, the
 * faded fill and the − glyph remain), modified double. Halos (underlays) mark nodes a change acts on.
 */
import type { StylesheetJson } from 'cytoscape'

export const DIFF_COLOURS = {
  added: { fill: '#e3f6e8', border: '#15803d', text: '#14532d' },
  removed: { fill: '#fde8e8', border: '#dc2626', text: '#7f1d1d' },
  modified: { fill: '#fff4d6', border: '#d97706', text: '#78350f' },
  exposureUp: '#ea580c',
  exposureDown: '#0d9488',
  affected: '#7c3aed',
} as const

const halo = (colour: string) => ({
  'underlay-color': colour, 'underlay-opacity': 0.38, 'underlay-padding': 7, 'underlay-shape': 'round-rectangle' as const,
})

export const diffStylesheet: StylesheetJson = [
  { selector: 'node.resource.diff-quiet, node.gateway.diff-quiet', style: { opacity: 0.5 } },
  { selector: 'edge.diff-unchanged', style: { opacity: 0.45 } },
  {
    selector: 'node.diff-added',
    style: { 'background-color': DIFF_COLOURS.added.fill, 'border-color': DIFF_COLOURS.added.border, color: DIFF_COLOURS.added.text, 'border-width': 4, 'border-style': 'solid', 'font-weight': 'bold' },
  },
  {
    selector: 'node.diff-removed',
    style: { 'background-color': DIFF_COLOURS.removed.fill, 'border-color': DIFF_COLOURS.removed.border, color: DIFF_COLOURS.removed.text, 'border-width': 3, 'border-style': 'dashed', 'background-opacity': 0.75, 'font-weight': 'bold' },
  },
  {
    selector: 'node.diff-modified',
    style: { 'background-color': DIFF_COLOURS.modified.fill, 'border-color': DIFF_COLOURS.modified.border, color: DIFF_COLOURS.modified.text, 'border-width': 5, 'border-style': 'double', 'font-weight': 'bold' },
  },
  { selector: 'node.diff-affected', style: { ...halo(DIFF_COLOURS.affected), 'font-weight': 'bold' } },
  { selector: 'node.diff-exposure-down', style: { ...halo(DIFF_COLOURS.exposureDown), 'font-weight': 'bold' } },
  { selector: 'node.diff-exposure-up', style: { ...halo(DIFF_COLOURS.exposureUp), 'underlay-opacity': 0.5, 'font-weight': 'bold' } },
  { selector: 'edge.diff-added', style: { 'line-color': DIFF_COLOURS.added.border, 'target-arrow-color': DIFF_COLOURS.added.border, width: 3, 'line-style': 'solid' } },
  { selector: 'edge.diff-removed', style: { 'line-color': DIFF_COLOURS.removed.border, 'target-arrow-color': DIFF_COLOURS.removed.border, width: 2.5, 'line-style': 'dashed' } },
  { selector: 'edge.diff-modified', style: { 'line-color': DIFF_COLOURS.modified.border, 'target-arrow-color': DIFF_COLOURS.modified.border, width: 3 } },
  // "Changes only": kept in place (the layout does not move), just not drawn and not clickable.
  { selector: '.diff-hidden', style: { visibility: 'hidden', events: 'no' } },
]
