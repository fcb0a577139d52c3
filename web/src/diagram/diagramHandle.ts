import type { Core } from 'cytoscape'

/**
 * The live Cytoscape instance, for the few callers outside the diagram that need the drawing itself
 * (PNG and SVG exports). Set and cleared by useCytoscape only; everyone else reads.
 */
export const diagramHandle: { cy: Core | null } = { cy: null }
