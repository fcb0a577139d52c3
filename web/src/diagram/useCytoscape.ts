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
import { diagramHandle } from './diagramHandle.ts'
import { applySearchClasses, type Highlight } from './applySearchClasses.ts'
import { OVERVIEW_LABEL_ZOOM, applyOverviewLabels } from './overviewLabels.ts'
import { stylesheet } from './stylesheet.ts'
import { supportsWebgl } from './supportsWebgl.ts'

declare global {
  interface Window { __vpclens?: { cy: Core } }
}

/** Above this many elements the canvas renderer runs in WebGL mode. */
export const WEBGL_THRESHOLD = 2500
/** Below this zoom, resource labels are hidden in WebGL mode (which ignores min-zoomed-font-size). */
const LABEL_ZOOM = 0.45
/** A first view zoomed out further than this is hard to read: show the first VPC instead. */
export const READABLE_ZOOM = 0.6

export interface CytoscapeOptions {
  elements: ElementDefinition[]
  selectedId: string | null
  onSelect: (id: string | null) => void
  /** When this changes (a new environment, first load), the view is fitted to the diagram. */
  fitKey: string
  /** `readable`: on load, if fitting everything zooms out past READABLE_ZOOM, frame the first VPC instead. */
  initialView?: 'fit' | 'readable'
  /** Search results: highlighted, everything else dimmed; `current` is the focused result. */
  highlight?: Highlight | null
  /** Centre the view on this element whenever `key` changes. */
  focus?: { id: string; key: number } | null
  /** Called after pans and zooms have settled, with the visible model extent. */
  onViewport?: (extent: { x1: number; y1: number; x2: number; y2: number }, zoom: number) => void
  /** A tap on a collapsed subnet, or a double tap on a VPC: the large-environment view expands it. */
  onExpand?: (id: string, kind: string) => void
}

export function useCytoscape(container: RefObject<HTMLDivElement | null>, opts: CytoscapeOptions): { fit: () => void } {
  const { elements, selectedId, onSelect, fitKey, highlight, focus, initialView = 'fit' } = opts
  const [cy, setCy] = useState<Core | null>(null)
  // WebGL mode is sticky: one page must never mix a WebGL instance with a plain canvas one (§1.3).
  const [webgl, setWebgl] = useState(false)
  if (!webgl && elements.length > WEBGL_THRESHOLD && supportsWebgl()) setWebgl(true)
  const callbacks = useRef({ onSelect, onViewport: opts.onViewport, onExpand: opts.onExpand })
  callbacks.current = { onSelect, onViewport: opts.onViewport, onExpand: opts.onExpand }
  const fittedFor = useRef<string | null>(null)
  // Switching to WebGL mode re-creates the instance: the new one takes over the old one's viewport.
  const lastView = useRef<{ fitKey: string; zoom: number; pan: { x: number; y: number } } | null>(null)
  const refreshLabels = useRef(() => {})

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
      minZoom: 0.01,
      maxZoom: 4,
    }
    const instance = cytoscape(options)
    instance.on('tap', (e) => {
      if (e.target === instance) callbacks.current.onSelect(null)
    })
    instance.on('tap', 'node, edge', (e) => {
      callbacks.current.onSelect(e.target.id())
      if (e.target.hasClass('collapsed')) callbacks.current.onExpand?.(e.target.id(), String(e.target.data('kind')))
    })
    instance.on('dbltap', 'node.vpc', (e) => callbacks.current.onExpand?.(e.target.id(), 'vpc'))
    let zoomedOut: boolean | null = null
    const labelClass = (force = false) => {
      if (!webgl) return
      const now = instance.zoom() < LABEL_ZOOM
      if (now === zoomedOut && !force) return
      zoomedOut = now
      instance.batch(() => { instance.nodes('.resource').toggleClass('zoomed-out', now) })
    }
    // VPC labels at overview follow the zoom in steps of 15 % (a restyle of a few nodes, not every frame).
    let vpcLabelZoom: number | null = null
    const vpcLabels = (force = false) => {
      const z = instance.zoom()
      if (!force && vpcLabelZoom !== null && (z >= OVERVIEW_LABEL_ZOOM) === (vpcLabelZoom >= OVERVIEW_LABEL_ZOOM)
        && (z >= OVERVIEW_LABEL_ZOOM || Math.abs(z / vpcLabelZoom - 1) < 0.15)) return
      vpcLabelZoom = z
      applyOverviewLabels(instance)
    }
    instance.on('zoom', () => { labelClass(); vpcLabels() })
    refreshLabels.current = () => { labelClass(true); vpcLabels(true) }
    // Viewport changes settle before the large view decides what to expand.
    let settle: ReturnType<typeof setTimeout> | undefined
    instance.on('viewport', () => {
      clearTimeout(settle)
      settle = setTimeout(() => callbacks.current.onViewport?.(instance.extent(), instance.zoom()), 120)
    })
    // The side panel opening or the window resizing changes the container's size: keep what was in
    // the middle of the view in the middle (a focused search result stays centred).
    let size: { w: number; h: number } | null = null
    const resize = new ResizeObserver(() => {
      instance.resize()
      const now = { w: instance.width(), h: instance.height() }
      if (size !== null && (now.w !== size.w || now.h !== size.h)) instance.panBy({ x: (now.w - size.w) / 2, y: (now.h - size.h) / 2 })
      size = now
    })
    resize.observe(container.current)
    window.__vpclens = { cy: instance }
    diagramHandle.cy = instance
    fittedFor.current = null
    setCy(instance)
    return () => {
      if (fittedFor.current !== null) lastView.current = { fitKey: fittedFor.current, zoom: instance.zoom(), pan: instance.pan() }
      clearTimeout(settle)
      resize.disconnect()
      if (window.__vpclens?.cy === instance) delete window.__vpclens
      if (diagramHandle.cy === instance) diagramHandle.cy = null
      instance.destroy()
      setCy(null)
    }
  }, [container, webgl])

  useEffect(() => {
    if (!cy || cy.destroyed()) return
    applyElements(cy, elements)
    refreshLabels.current()
    if (elements.length > 0 && fittedFor.current !== fitKey) {
      // Phases of the first diagram, printed by bench/web.bench.ts.
      performance.mark('vpclens:elements-added')
      fittedFor.current = fitKey
      const last = lastView.current
      if (last !== null && last.fitKey === fitKey) cy.viewport({ zoom: last.zoom, pan: last.pan })
      else firstView(cy, initialView)
      performance.mark('vpclens:fitted')
      callbacks.current.onViewport?.(cy.extent(), cy.zoom())
      // The first frame with the diagram: benchmarks (bench/web.bench.ts) time navigation to this mark.
      // Cytoscape draws in its own animation frame (WebGL mode emits no 'render' event): the second
      // frame from now comes after the one that drew the elements.
      requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('vpclens:first-diagram')))
    }
  }, [cy, elements, fitKey, initialView])

  useEffect(() => {
    if (!cy || cy.destroyed()) return
    cy.batch(() => {
      cy.$(':selected').unselect()
      if (selectedId) cy.$id(selectedId).select()
    })
  }, [cy, selectedId, elements])

  useEffect(() => {
    if (cy && !cy.destroyed()) applySearchClasses(cy, highlight ?? null)
  }, [cy, highlight, elements])

  const focusKey = focus?.key
  const focusId = focus?.id
  useEffect(() => {
    if (!cy || cy.destroyed() || focusId === undefined) return
    const el = cy.$id(focusId)
    if (el.empty()) return
    // Close enough to read the element, never further out than now.
    const zoom = Math.max(cy.zoom(), el.isParent() ? Math.min(1, cy.zoom() * 1.5) : 1)
    const bb = el.boundingBox()
    const p = { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 }
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } })
    // elements: a result inside a collapsed subnet appears once the subnet expands.
  }, [cy, focusId, focusKey, elements])

  return { fit: () => cy?.fit(undefined, 40) }
}

/** Fit everything; when that is too small to read (`readable`), frame the top-left VPC instead. */
function firstView(cy: Core, initialView: 'fit' | 'readable'): void {
  cy.fit(undefined, 40)
  if (initialView !== 'readable' || cy.zoom() >= READABLE_ZOOM) return
  const vpcs = cy.nodes('.vpc')
  if (vpcs.empty()) return
  const first = vpcs.min((n) => n.boundingBox().x1 * 1e6 + n.boundingBox().y1).ele
  cy.fit(first, 30)
  if (cy.zoom() > 1) cy.zoom({ level: 1, position: first.position() })
}

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

/** Removes what is gone, adds what is new and updates what changed, keyed by id, in one batch. */
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
      // Unchanged elements are left alone: patching thousands of them costs a style pass each.
      if (!sameData(existing.data(), el.data as Record<string, unknown>)) existing.data(el.data)
      const classes = Array.isArray(el.classes) ? el.classes : String(el.classes ?? '').split(' ').filter(Boolean)
      const kept = existing.classes().filter((c) => TRANSIENT_CLASSES.has(c))
      const next = [...classes, ...kept]
      const now = existing.classes()
      if (now.length !== next.length || next.some((c) => !existing.hasClass(c))) existing.classes(next)
      if (el.position && existing.isNode() && existing.isChildless()) {
        const p = existing.position()
        if (p.x !== el.position.x || p.y !== el.position.y) existing.position(el.position)
      }
    }
    // Cytoscape keeps the data object it is given and later patches write into it: hand it a copy, so
    // the caller's element definitions (memoized, shared with overlays) never change under them.
    if (added.length > 0) cy.add(added.map((el) => ({ ...el, data: { ...el.data } })))
  })
}

/** Classes the hook itself sets (labels at low zoom, search): an element update keeps them. */
const TRANSIENT_CLASSES: ReadonlySet<string> = new Set(['zoomed-out', 'search-match', 'search-current', 'search-dim'])
