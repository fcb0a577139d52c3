/**
 * VPC names (and, with the exposure overlay, their exposure counts) readable at overview. A VPC's
 * header label is 15 model pixels: at the zoom that fits the ten VPCs of a 20,000-interface account
 * (about 0.03) it would be half a pixel tall. Below OVERVIEW_LABEL_ZOOM the label is drawn
 * OVERVIEW_LABEL_PX screen pixels tall instead, as far as the VPC's header band allows (large
 * environments get a band sized for it: METRICS.vpc.overviewHeader), never wider than the VPC, and
 * reduced to the VPC's name (and exposure count): its id and CIDR come back when zoomed in.
 * Only the handful of VPC nodes are touched, with style bypasses: a zoom costs a few label redraws.
 */
import type { Core } from 'cytoscape'
import { METRICS } from './metrics.ts'

export const OVERVIEW_LABEL_ZOOM = 0.35
export const OVERVIEW_LABEL_PX = 15
/** Average glyph width of the bold UI font, in ems (a little generous, so labels do not overflow). */
const EM_WIDTH = 0.62
const LINE_HEIGHT = 1.3

/**
 * The model font size that draws `label` `px` screen pixels tall at `zoom`, shrunk to fit a header
 * band `bandHeight` tall and `boxWidth` wide, never below the normal 15.
 */
export function overviewFontSize(label: string, boxWidth: number, bandHeight: number, zoom: number, px = OVERVIEW_LABEL_PX): number {
  const lines = label.split('\n')
  const longest = Math.max(1, ...lines.map((l) => l.length))
  const fit = Math.min((0.94 * boxWidth) / (longest * EM_WIDTH), (0.9 * bandHeight) / (lines.length * LINE_HEIGHT))
  return Math.max(15, Math.min(px / zoom, fit))
}

/** At overview a VPC shows its name (not its id and CIDR), and the lines under it (exposure counts). */
export function overviewText(label: string, name: string): string {
  return [name, ...label.split('\n').slice(1)].join('\n')
}

/** Applies (or, zoomed in, removes) the overview size of the VPC labels for the current zoom. */
export function applyOverviewLabels(cy: Core): void {
  const zoom = cy.zoom()
  const vpcs = cy.nodes('node.vpc')
  if (vpcs.empty()) return
  cy.batch(() => {
    if (zoom >= OVERVIEW_LABEL_ZOOM) {
      vpcs.filter('.overview-label').removeClass('overview-label').removeStyle('label font-size text-margin-y')
      return
    }
    vpcs.forEach((n) => {
      const label = overviewText(String(n.data('label') ?? ''), String(n.data('name') ?? n.id()))
      const band = Number(n.data('header') ?? METRICS.vpc.header)
      const size = overviewFontSize(label, n.width(), band, zoom)
      const block = size * LINE_HEIGHT * label.split('\n').length
      n.addClass('overview-label')
      // Label anchored at the top edge: centred in the header band.
      n.style({ label, 'font-size': size, 'text-margin-y': METRICS.vpc.pad / 2 + (band + block) / 2 })
    })
  })
}
