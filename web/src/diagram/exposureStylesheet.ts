/**
 * The exposure overlay's part of the one stylesheet (stylesheet.ts spreads it in after the kind
 * colours, so it wins over them): severity by fill and border colour, and by border width and style
 * too (the label's severity word is the colour-free cue). Dimmed elements fade for the port filter;
 * elements whose exposure a policy accepts are muted and dashed (their label says ACCEPTED).
 */
import type { StylesheetJson } from 'cytoscape'
import type { Severity } from '../../../shared/index.ts'

export const SEVERITY_COLOURS: Record<Severity, { fill: string; border: string; text: string }> = {
  critical: { fill: '#fde2e1', border: '#b91c1c', text: '#7f1d1d' },
  high: { fill: '#ffedd5', border: '#c2410c', text: '#7c2d12' },
  medium: { fill: '#fef3c7', border: '#a16207', text: '#713f12' },
  low: { fill: '#ecfccb', border: '#4d7c0f', text: '#365314' },
  info: { fill: '#e0ecfb', border: '#1d4ed8', text: '#1e3a8a' },
}
const BORDER: Record<Severity, { width: number; style: 'solid' | 'double' }> = {
  critical: { width: 5, style: 'double' },
  high: { width: 4, style: 'double' },
  medium: { width: 3, style: 'solid' },
  low: { width: 2.5, style: 'solid' },
  info: { width: 2, style: 'solid' },
}

/** Exposures a policy accepts (`serve --policy`): muted, so that what still needs a look stands out; the legend draws the same. */
export const ACCEPTED_STYLE = { fill: '#f8fafc', text: '#475569', border: '#64748b' }

type Style = StylesheetJson[number]

export const exposureStylesheet: Style[] = [
  { selector: 'node.exposed', style: { 'font-weight': 'bold', 'z-index': 10 } },
  ...(Object.keys(SEVERITY_COLOURS) as Severity[]).map((s): Style => ({
    selector: `node.exposed.sev-${s}`,
    style: {
      'background-color': SEVERITY_COLOURS[s].fill,
      'border-color': SEVERITY_COLOURS[s].border,
      color: SEVERITY_COLOURS[s].text,
      'border-width': BORDER[s].width,
      'border-style': BORDER[s].style,
    },
  })),
  // Accepted by the policy (every exposure of the element): muted fill, dashed border in the severity's colour, normal weight.
  {
    selector: 'node.exposed.accepted',
    style: { 'background-color': ACCEPTED_STYLE.fill, 'border-style': 'dashed', 'border-width': 2.5, color: ACCEPTED_STYLE.text, 'font-weight': 'normal', 'z-index': 5 },
  },
  // Unknown (the data to decide is missing): grey and dashed, so it reads neither as safe nor as a severity.
  { selector: 'node.exposure-unknown', style: { 'background-color': '#e7e5e4', 'border-color': '#57534e', 'border-width': 3, 'border-style': 'dashed', color: '#292524', 'font-weight': 'bold' } },
  { selector: 'node.dimmed', style: { opacity: 0.16 } },
  { selector: 'edge.dimmed', style: { opacity: 0.08 } },
]
