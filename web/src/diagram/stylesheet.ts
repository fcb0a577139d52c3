/**
 * The Infrastructure view's Cytoscape stylesheet. Selectors on classes and data only, no function
 * values (rendering-research.md §1.1), solid straight edges and plain round-rectangles so it renders
 * the same in WebGL mode. Colours are exported for the legend.
 */
import type { StylesheetJson } from 'cytoscape'
import { METRICS, cyPadding } from './metrics.ts'
import { lodStylesheet } from './lodStylesheet.ts'
import { exposureStylesheet } from './exposureStylesheet.ts'
import { securityStylesheet } from './securityStylesheet.ts'
import { diffStylesheet } from './diffStylesheet.ts'

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "DejaVu Sans", sans-serif'
export const SELECTED = '#e11d48'

/** Fill, border and text colour of each resource kind; the legend draws the same swatches. */
export const KIND_COLOURS: Record<string, { fill: string; border: string; text: string }> = {
  instance: { fill: '#fff4e6', border: '#d9730d', text: '#5c2f05' },
  'network-interface': { fill: '#e9f7f5', border: '#14897a', text: '#0b3f39' },
  'nat-gateway': { fill: '#eef0ff', border: '#5457d1', text: '#262873' },
  'load-balancer': { fill: '#f6edfd', border: '#8e44c9', text: '#46166b' },
  'vpc-endpoint': { fill: '#fdeef5', border: '#c13f7d', text: '#5e1236' },
  'internet-gateway': { fill: '#1f6fa8', border: '#13496f', text: '#ffffff' },
  'egress-only-internet-gateway': { fill: '#3a8fc4', border: '#1f6fa8', text: '#ffffff' },
}
export const TIER_COLOURS: Record<string, { fill: string; border: string; text: string }> = {
  public: { fill: '#edf8f0', border: '#4c9a64', text: '#23573a' },
  private: { fill: '#edf3fb', border: '#4a78b8', text: '#24477a' },
  isolated: { fill: '#f4f2ee', border: '#998766', text: '#5f5138' },
  unknown: { fill: '#f3f4f6', border: '#9aa5b1', text: '#3e4c59' },
}
export const EDGE_COLOURS: Record<string, string> = {
  'interface-of': '#8d99a6',
  'lb-target': '#8e44c9',
  route: '#b7cde0',
  peering: '#6d4fc2',
  attachment: '#1f6fa8',
}

const { leaf, gateway, subnet, az, vpc, region } = METRICS

/** Header label of a compound, inside its top edge. */
const header = (fontSize: number, pad: number, colour: string, weight: 'bold' | 'normal') => ({
  label: 'data(label)',
  'font-family': FONT,
  'font-size': fontSize,
  'font-weight': weight,
  color: colour,
  'text-valign': 'top' as const,
  'text-halign': 'center' as const,
  'text-margin-y': pad + fontSize + 5,
  'min-zoomed-font-size': 4,
})

const container = (frame: { pad: number; border: number }) => ({
  shape: 'round-rectangle' as const,
  width: 'data(w)',
  height: 'data(h)',
  padding: `${cyPadding(frame)}px`,
  'border-width': frame.border,
  'min-width': 'data(minW)',
  'min-height': 'data(minH)',
  'min-width-bias-left': 'data(biasL)',
  'min-width-bias-right': 'data(biasR)',
  'min-height-bias-top': 'data(biasT)',
  'min-height-bias-bottom': 'data(biasB)',
  'compound-sizing-wrt-labels': 'exclude' as const,
})

export const stylesheet: StylesheetJson = [
  { selector: 'node', style: { 'overlay-opacity': 0, 'font-family': FONT, events: 'yes' } },
  {
    selector: 'node.resource',
    style: {
      shape: 'round-rectangle',
      width: leaf.w - leaf.border,
      height: leaf.h - leaf.border,
      'border-width': leaf.border,
      'background-color': '#f5f7fa',
      'border-color': '#7b8794',
      label: 'data(label)',
      'font-size': 10,
      color: '#1f2933',
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': `${leaf.w - 8}px`,
      'line-height': 1.3,
      'min-zoomed-font-size': 5,
    },
  },
  {
    selector: 'node.gateway',
    style: {
      shape: 'round-rectangle',
      width: gateway.w - gateway.border,
      height: gateway.h - gateway.border,
      'border-width': gateway.border,
      label: 'data(label)',
      'font-size': 11,
      'font-weight': 'bold',
      'text-valign': 'center',
      'text-halign': 'center',
      'z-compound-depth': 'top',
      'min-zoomed-font-size': 4,
    },
  },
  ...Object.entries(KIND_COLOURS).map(([kind, c]) => ({
    selector: `node.${kind}`,
    style: { 'background-color': c.fill, 'border-color': c.border, color: c.text },
  })),
  {
    selector: 'node.region',
    style: { ...container(region), ...header(16, region.pad, '#3e4c59', 'bold'), 'background-color': '#ffffff', 'background-opacity': 0.6, 'border-color': '#cbd2d9' },
  },
  {
    selector: 'node.vpc',
    style: { ...container(vpc), ...header(15, vpc.pad, '#4b2c96', 'bold'), 'background-color': '#faf8ff', 'border-color': '#7e5bd6' },
  },
  // VPC names at overview (overviewLabels.ts sets the size): on a light band, over whatever is behind.
  { selector: 'node.vpc', style: { 'text-wrap': 'wrap', 'line-height': 1.3 } },
  {
    selector: 'node.vpc.overview-label',
    style: { 'min-zoomed-font-size': 0, 'text-background-color': '#faf8ff', 'text-background-opacity': 0.9 },
  },
  {
    selector: 'node.availability-zone',
    style: { ...container(az), ...header(12, az.pad, '#52606d', 'bold'), 'background-color': '#ffffff', 'border-color': '#c3cad3' },
  },
  {
    selector: 'node.subnet',
    style: { ...container(subnet), ...header(11, subnet.pad, '#3e4c59', 'normal') },
  },
  ...Object.entries(TIER_COLOURS).map(([tier, c]) => ({
    selector: `node.tier-${tier}`,
    style: { 'background-color': c.fill, 'border-color': c.border, color: c.text },
  })),
  // WebGL mode ignores min-zoomed-font-size: useCytoscape toggles this class when zoomed far out.
  { selector: 'node.resource.zoomed-out', style: { 'text-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      'curve-style': 'straight',
      width: 1.2,
      'line-color': '#9aa5b1',
      'target-arrow-shape': 'none',
      'overlay-opacity': 0,
      events: 'yes',
    },
  },
  ...Object.entries(EDGE_COLOURS).map(([kind, colour]) => ({
    selector: `edge.${kind}`,
    style: { 'line-color': colour, 'target-arrow-color': colour },
  })),
  { selector: 'edge.interface-of', style: { width: 1 } },
  { selector: 'edge.route', style: { width: 1 } },
  { selector: 'edge.lb-target', style: { width: 1.5, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8 } },
  { selector: 'edge.peering', style: { width: 6, 'z-compound-depth': 'top' } },
  // The Security view's classes, then the exposure overlay (after the kind colours it overrides).
  ...securityStylesheet,
  ...exposureStylesheet,
  // Collapsed subnets, bundled edges and search results (after the kind colours they override).
  ...lodStylesheet,
  // The diff view's statuses (colour, line style and halo; the glyphs are in the labels).
  ...diffStylesheet,
  {
    selector: 'node:selected',
    style: { 'border-color': SELECTED, 'underlay-color': SELECTED, 'underlay-opacity': 0.22, 'underlay-padding': 5, 'underlay-shape': 'round-rectangle' },
  },
  { selector: 'node.container:selected', style: { 'underlay-opacity': 0.12, 'underlay-padding': 3 } },
  { selector: 'edge:selected', style: { 'line-color': SELECTED, 'target-arrow-color': SELECTED, width: 3 } },
  { selector: 'edge.peering:selected', style: { width: 7 } },
]
