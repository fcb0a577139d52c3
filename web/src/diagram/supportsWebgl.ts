let cached: boolean | null = null

/**
 * Whether this browser can give Cytoscape a WebGL2 context. Cytoscape's WebGL mode fails hard
 * without one (a headless browser with the GPU disabled, a locked-down desktop): stay on canvas then.
 */
export function supportsWebgl(): boolean {
  if (cached === null) {
    try {
      cached = !!document.createElement('canvas').getContext('webgl2')
    } catch {
      cached = false
    }
  }
  return cached
}
