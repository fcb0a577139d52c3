/**
 * The only owner of the Cytoscape instance (rendering-research.md §0.4): created once per renderer
 * mode, destroyed in the effect cleanup (StrictMode-safe), fed element definitions that are applied
 * as one delta in a single `cy.batch`. React never touches cy elsewhere.
 *
 * `window.__vpclens = { cy }` is always set while an instance lives: the end-to-end tests and any
 * automation (screenshots, exports from a headless browser) read counts, classes and positions from
 * it instead of pixels. It is read-only by convention.
 */
import { useEffect, useRef, useState, type RefObject } from 'react'
import cytoscape, { type Core, type CytoscapeOptions as CyOptions, type ElementDefinition } from 'cytoscape'
import { stylesheet } from './stylesheet.ts'

declare global {
  interface Window { __vpclens?: { cy: Core } }
}

/** Above this many elements the canvas renderer runs in WebGL mode. */
export const WEBGL_THRESHOLD = 2500
/** Below this zoom, resource labels are hidden in WebGL mode (which ignores min-zoomed-font-size). */
const LABEL_ZOOM = 0.45

export interface CytoscapeOptions {
  elements: ElementDefinition[]
  selectedId: string | null
  onSelect: (id: string | null) => void
  /** When this changes (a new environment, first load), the view is fitted to the diagram. */
  fitKey: string
}

export function useCytoscape(container: RefObject<HTMLDivElement | null>, opts: CytoscapeOptions): { fit: () => void } {
  const { elements, selectedId, onSelect, fitKey } = opts
  const [cy, setCy] = useState<Core | null>(null)
  // WebGL mode is sticky: one page must never mix a WebGL instance with a plain canvas one (§1.3).
  const [webgl, setWebgl] = useState(false)
  if (!webgl && elements.length > WEBGL_THRESHOLD) setWebgl(true)
  const onSelectRef = useRef(onSelect)
  onSelectRef.current = onSelect
  const fittedFor = useRef<string | null>(null)

  useEffect(() => {
    if (!container.current) return
    // The renderer option is how Cytoscape ≥ 3.31 documents WebGL mode; its typings only know the
    // top-level `webgl` flag, which it merges from here.
    const options: CyOptions & { renderer: { name: 'canvas'; webgl?: boolean } } = {
      container: container.current,
      style: stylesheet,
      renderer: webgl ? { name: 'canvas', webgl: true } : { name: 'canvas' },
      layout: { name: 'preset' },
      autoungrabify: true,
      boxSelectionEnabled: false,
      selectionType: 'single',
      minZoom: 0.02,
      maxZoom: 4,
    }
    const instance = cytoscape(options)
    instance.on('tap', (e) => {
      if (e.target === instance) onSelectRef.current(null)
    })
    instance.on('tap', 'node, edge', (e) => onSelectRef.current(e.target.id()))
    if (webgl) {
      let zoomedOut: boolean | null = null
      instance.on('zoom', () => {
        const now = instance.zoom() < LABEL_ZOOM
        if (now === zoomedOut) return
        zoomedOut = now
        instance.batch(() => { instance.nodes('.resource').toggleClass('zoomed-out', now) })
      })
    }
    // The side panel opening or the window resizing changes the container's size.
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(container.current)
    window.__vpclens = { cy: instance }
    fittedFor.current = null
    setCy(instance)
    return () => {
      resize.disconnect()
      if (window.__vpclens?.cy === instance) delete window.__vpclens
      instance.destroy()
      setCy(null)
    }
  }, [container, webgl])

  useEffect(() => {
    if (!cy) return
    applyElements(cy, elements)
    if (elements.length > 0 && fittedFor.current !== fitKey) {
      fittedFor.current = fitKey
      cy.fit(undefined, 40)
    }
  }, [cy, elements, fitKey])

  useEffect(() => {
    if (!cy) return
    cy.batch(() => {
      cy.$(':selected').unselect()
      if (selectedId) cy.$id(selectedId).select()
    })
  }, [cy, selectedId, elements])

  return { fit: () => cy?.fit(undefined, 40) }
}

/** Removes what is gone, adds what is new and updates the rest, keyed by id, in one batch. */
function applyElements(cy: Core, elements: ElementDefinition[]): void {
  const wanted = new Map<string, ElementDefinition>()
  for (const el of elements) wanted.set(String(el.data.id), el)
  cy.batch(() => {
    const stale = cy.elements().filter((el) => {
      const next = wanted.get(el.id())
      // An element that changed parent, endpoints or group is re-created rather than patched.
      if (!next || (el.isNode() ? next.group !== 'nodes' || (el.data('parent') ?? null) !== (next.data.parent ?? null)
        : next.group !== 'edges' || el.data('source') !== next.data.source || el.data('target') !== next.data.target)) return true
      return false
    })
    cy.remove(stale)
    const added: ElementDefinition[] = []
    for (const [id, el] of wanted) {
      const existing = cy.getElementById(id)
      if (existing.empty()) {
        added.push(el)
        continue
      }
      existing.data(el.data)
      existing.classes(Array.isArray(el.classes) ? el.classes : (el.classes ?? ''))
      if (el.position && existing.isNode() && existing.isChildless()) existing.position(el.position)
    }
    if (added.length > 0) cy.add(added)
  })
}
