/**
 * Sizes shared by the layout (which places boxes), the element mapping (which tells Cytoscape how big
 * each compound must be) and the stylesheet (which draws them). One place, so the three agree.
 * All values are model pixels.
 */
export const METRICS = {
  /** A resource node (EC2, ENI, NAT, ALB, endpoint…): outer size including its border. */
  leaf: { w: 112, h: 36, gapX: 10, gapY: 10, border: 1.5 },
  /** Internet and egress-only gateways, drawn across the VPC's top edge. */
  gateway: { w: 64, h: 30, gap: 14, border: 2 },
  subnet: { pad: 8, header: 22, minCols: 2, border: 1.5 },
  az: { pad: 10, header: 24, gap: 12, border: 1 },
  /**
   * `overviewHeader`: in a large environment (more than LARGE_DIAGRAM_NODES nodes, which opens at
   * overview) a VPC's header band is this share of its width, so that at the zoom that fits the whole
   * grid the VPC's name and exposure count have room to be drawn at a readable size (overviewLabels.ts).
   */
  vpc: { pad: 16, header: 38, overviewHeader: 0.09, columnGap: 18, bandGap: 16, minWidth: 360, border: 2 },
  region: { pad: 20, header: 36, gap: 60, border: 1 },
  /** Space between top-level boxes (VPCs, regions). */
  root: { gap: 70 },
} as const

/**
 * Cytoscape grows every node's bounding box by 1px per side (a margin for browser inaccuracies) before
 * it sizes a compound around its children. The padding we give Cytoscape is shrunk by that margin and
 * half the border, so that the compound's outer box is exactly the layout's box.
 */
export const BOUNDS_SLACK = 1
export function cyPadding(frame: { pad: number; border: number }): number {
  return frame.pad - BOUNDS_SLACK - frame.border / 2
}

/** Diagrams with more nodes than this open at overview, collapsed (lod.ts), with large VPC headers. */
export const LARGE_DIAGRAM_NODES = 1500

/** Kinds drawn on the VPC's top edge rather than inside it. */
export const EDGE_GATEWAY_KINDS: ReadonlySet<string> = new Set(['internet-gateway', 'egress-only-internet-gateway'])

/** Kinds that are drawn as boxes holding other nodes. */
export const CONTAINER_KINDS: ReadonlySet<string> = new Set(['region', 'vpc', 'availability-zone', 'subnet'])
