import { useEffect, useRef, useState } from 'react'
import type { Graph } from '../../../shared/index.ts'
import { getExposure } from '../api/getExposure.ts'
import { getFindings } from '../api/getFindings.ts'
import { getSecurityGraph } from '../api/getSecurityGraph.ts'
import { diagramHandle } from '../diagram/diagramHandle.ts'
import { layoutGraph } from '../diagram/layout.ts'
import { downloadFile } from '../export/downloadFile.ts'
import { exposuresToCsv } from '../export/exposuresToCsv.ts'
import { findingsToCsv } from '../export/findingsToCsv.ts'
import { rulesToCsv } from '../export/rulesToCsv.ts'
import { svgFromCy } from '../export/svgFromCy.ts'
import { toDrawio } from '../export/toDrawio.ts'
import './search.css'

interface Props { env: string; version: string; graph: Graph | null; view: string }

type Format = 'png' | 'svg' | 'json' | 'drawio' | 'findings' | 'exposure' | 'rules'

const ITEMS: { id: Format; label: string; diagram?: boolean }[] = [
  { id: 'png', label: 'PNG image of this view', diagram: true },
  { id: 'svg', label: 'SVG image of this view', diagram: true },
  { id: 'json', label: 'JSON of the graph' },
  { id: 'drawio', label: 'draw.io diagram' },
  { id: 'findings', label: 'CSV of findings' },
  { id: 'exposure', label: 'CSV of internet exposures' },
  { id: 'rules', label: 'CSV of security-group rules' },
]

/** The header's Export menu: images of the current diagram, and files of the version for other tools. */
export function ExportMenu({ env, version, graph, view }: Props) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false) }
    window.addEventListener('mousedown', close)
    return () => window.removeEventListener('mousedown', close)
  }, [open])

  const base = `vpclens-${env}-v${version}${view === 'infrastructure' ? '' : `-${view}`}`
  async function run(format: Format) {
    setBusy(format)
    setError(null)
    try {
      const cy = diagramHandle.cy
      switch (format) {
        case 'png': {
          if (!cy) throw new Error('No diagram on screen')
          // Browsers cap canvas sizes: scale the whole diagram into at most 8k × 8k pixels.
          const blob = await cy.png({ output: 'blob-promise', full: true, bg: '#f4f6f9', maxWidth: 8000, maxHeight: 8000 })
          downloadFile(`${base}.png`, blob)
          break
        }
        case 'svg':
          if (!cy) throw new Error('No diagram on screen')
          downloadFile(`${base}.svg`, svgFromCy(cy), 'image/svg+xml')
          break
        case 'json':
          if (!graph) throw new Error('The graph is not loaded yet')
          downloadFile(`vpclens-${env}-v${version}-graph.json`, JSON.stringify(graph, null, 2) + '\n', 'application/json')
          break
        case 'drawio':
          if (!graph) throw new Error('The graph is not loaded yet')
          downloadFile(`vpclens-${env}-v${version}.drawio`, toDrawio(graph, layoutGraph(graph), `${env} v${version}`), 'application/xml')
          break
        case 'findings':
          downloadFile(`vpclens-${env}-v${version}-findings.csv`, findingsToCsv((await getFindings(env, version)).findings), 'text/csv')
          break
        case 'exposure':
          downloadFile(`vpclens-${env}-v${version}-exposures.csv`, exposuresToCsv((await getExposure(env, version)).exposures), 'text/csv')
          break
        case 'rules':
          downloadFile(`vpclens-${env}-v${version}-security-group-rules.csv`, rulesToCsv((await getSecurityGraph(env, version, false)).groups), 'text/csv')
          break
      }
      setOpen(false)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(null)
    }
  }

  const hasDiagram = view === 'infrastructure' || view === 'security'
  return (
    <div className="menu" ref={root}>
      <button
        type="button" className="menu-button" data-testid="export-menu" aria-haspopup="menu" aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false) }}
      >
        Export
      </button>
      {open && (
        <ul className="menu-list" role="menu" onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); setOpen(false) } }}>
          {ITEMS.filter((it) => !it.diagram || hasDiagram).map((it) => (
            <li key={it.id} role="none">
              <button type="button" role="menuitem" className="menu-item" data-testid={`export-${it.id}`} disabled={busy !== null} onClick={() => void run(it.id)}>
                {busy === it.id ? `${it.label}…` : it.label}
              </button>
            </li>
          ))}
          {error && <li className="menu-note" role="alert" data-testid="export-error">{error}</li>}
        </ul>
      )}
    </div>
  )
}
