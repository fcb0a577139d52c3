/**
 * The Security view's part of the one stylesheet (stylesheet.ts spreads it in): selectors on the
 * `sg-*` classes toSecurityElements gives, solid straight edges, plain shapes. Colours are exported
 * for the view's legend.
 */
import type { StylesheetJson } from 'cytoscape'
import { SECURITY_METRICS as M } from './securityLayout.ts'

export const SECURITY_NODE_COLOURS: Record<string, { fill: string; border: string; text: string }> = {
  'security-group': { fill: '#ffffff', border: '#4a5b7a', text: '#1f2933' },
  internet: { fill: '#fdecec', border: '#c0392b', text: '#7a1d14' },
  cidr: { fill: '#eaf6f0', border: '#2f855a', text: '#1c4f36' },
  'prefix-list': { fill: '#fff7e6', border: '#b7791f', text: '#5f3e0b' },
  'external-group': { fill: '#f1f2f4', border: '#6b7280', text: '#374151' },
  'network-interface': { fill: '#e9f7f5', border: '#14897a', text: '#0b3f39' },
}
/** Ingress edges by the kind of their source. */
export const SECURITY_EDGE_COLOURS: Record<string, string> = {
  internet: '#c0392b',
  cidr: '#2f855a',
  'prefix-list': '#b7791f',
  'security-group': '#5b6b8c',
  'external-group': '#6b7280',
}
export const PEERED_EDGE = '#6d4fc2'

type Style = StylesheetJson[number]

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "DejaVu Sans", sans-serif'

export const securityStylesheet: Style[] = [
  {
    selector: 'node.sg-vpc',
    style: {
      shape: 'round-rectangle',
      'background-color': '#faf8ff',
      'border-color': '#7e5bd6',
      'border-width': 2,
      padding: `${M.vpcPad}px`,
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 14,
      'font-weight': 'bold',
      color: '#4b2c96',
      // Above the box, left-aligned: the box's top row of groups stays clear.
      'text-valign': 'top',
      'text-halign': 'center',
      'text-margin-y': -6,
      'compound-sizing-wrt-labels': 'exclude',
      'min-zoomed-font-size': 4,
    },
  },
  {
    selector: 'node.sg-node',
    style: {
      shape: 'round-rectangle',
      width: M.group.w,
      height: M.group.h,
      'border-width': 1.5,
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 11,
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      'text-max-width': `${M.group.w - 10}px`,
      'line-height': 1.35,
      'min-zoomed-font-size': 5,
    },
  },
  { selector: 'node.sg-security-group', style: { 'border-width': 2, 'font-weight': 'bold' } },
  { selector: 'node.sg-internet, node.sg-cidr, node.sg-prefix-list, node.sg-external-group', style: { width: M.source.w, height: M.source.h, 'text-max-width': `${M.source.w - 10}px` } },
  { selector: 'node.sg-internet', style: { 'border-width': 3, 'font-weight': 'bold' } },
  { selector: 'node.sg-network-interface', style: { width: M.member.w, height: M.member.h, 'font-size': 9.5, 'text-max-width': `${M.member.w - 8}px`, 'border-width': 1 } },
  ...Object.entries(SECURITY_NODE_COLOURS).map(([kind, c]): Style => ({
    selector: `node.sg-${kind}`,
    style: { 'background-color': c.fill, 'border-color': c.border, color: c.text },
  })),
  {
    selector: 'edge.sg-ingress',
    style: {
      width: 1.6,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      label: 'data(edgeLabel)',
      'font-family': FONT,
      'font-size': 10,
      color: '#1f2933',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      'text-rotation': 'autorotate',
      'min-zoomed-font-size': 6,
    },
  },
  ...Object.entries(SECURITY_EDGE_COLOURS).map(([kind, colour]): Style => ({
    selector: `edge.from-${kind}`,
    style: { 'line-color': colour, 'target-arrow-color': colour },
  })),
  { selector: 'edge.from-internet', style: { width: 2.4 } },
  { selector: 'edge.sg-peered', style: { 'line-color': PEERED_EDGE, 'target-arrow-color': PEERED_EDGE, width: 2.4 } },
  // A group admitting itself reads better as a line in its label (toSecurityElements) than as a loop
  // across a wide node; the edge stays, for selection by id and for the counts.
  { selector: 'edge.sg-self', style: { display: 'none' } },
  { selector: 'edge.sg-member-of', style: { width: 1, 'line-color': '#9fc9c2', 'target-arrow-shape': 'none' } },
  // A collapsed VPC of a large account (securityLod.ts): its groups' box, its name and counts inside.
  {
    selector: 'node.sg-vpc.collapsed',
    style: {
      width: 'data(w)', height: 'data(h)', 'text-valign': 'center', 'text-halign': 'center', 'text-margin-y': 0,
      'text-wrap': 'wrap', 'text-max-width': 'data(w)', 'font-size': 'data(fontSize)', 'line-height': 1.25, 'min-zoomed-font-size': 0,
    },
  },
]
