import { useState } from 'react'
import { SEVERITIES } from '../../../shared/index.ts'
import { ACCEPTED_STYLE, SEVERITY_COLOURS } from '../diagram/exposureStylesheet.ts'
import { SEVERITY_WORD } from '../diagram/exposureOverlay.ts'
import '../components/views.css'

interface Props {
  on: boolean
  onToggle: (on: boolean) => void
  port: number | null
  onPort: (port: number | null) => void
  status: 'idle' | 'loading' | 'ready' | 'error'
  /** Exposed interfaces, once the report is in. */
  exposedCount: number | null
  /** Verdicts the data cannot decide (calls not collected, dangling references). */
  unknownCount?: number | null
  /** Elements left undimmed by the port filter. */
  matchCount: number | null
  /** Only with a policy (`serve --policy`): exposed interfaces whose every exposure it accepts, and "hide accepted". */
  acceptance?: { count: number | null; hidden: boolean; onHidden: (hidden: boolean) => void }
}

/** The Infrastructure view's exposure toggle and port filter ("what is open on 22?"). */
export function ExposureOverlayControls({ on, onToggle, port, onPort, status, exposedCount, unknownCount, matchCount, acceptance }: Props) {
  const [text, setText] = useState(port === null ? '' : String(port))
  const invalid = text.trim() !== '' && parsePort(text) === null
  return (
    <div className="exposure-controls" data-testid="exposure-controls">
      <label className="toggle">
        <input type="checkbox" data-testid="toggle-exposure" checked={on} onChange={(e) => onToggle(e.target.checked)} />
        Exposure
      </label>
      <label className="port-filter">
        <span>Open on port</span>
        <input
          type="text" inputMode="numeric" placeholder="22" size={6} value={text} data-testid="port-filter"
          aria-invalid={invalid} title="Dims everything the internet cannot reach on this TCP/UDP port"
          onChange={(e) => {
            setText(e.target.value)
            const p = parsePort(e.target.value)
            onPort(p)
            if (p !== null && !on) onToggle(true)
          }}
        />
      </label>
      {status === 'loading' && <span className="muted small">analysing…</span>}
      {status === 'error' && <span className="error small">exposure unavailable</span>}
      {acceptance && (
        <label className="toggle" title="Leave out what the policy accepts (serve --policy); also hides accepted findings">
          <input type="checkbox" data-testid="toggle-hide-accepted-overlay" checked={acceptance.hidden} onChange={(e) => acceptance.onHidden(e.target.checked)} />
          Hide accepted
        </label>
      )}
      {on && exposedCount !== null && <span className="counts" data-testid="exposure-count">{exposedCount} exposed interfaces</span>}
      {on && acceptance && acceptance.count !== null && acceptance.count > 0 && (
        <span className="counts" data-testid="accepted-count">{acceptance.hidden ? `${acceptance.count} accepted hidden` : `${acceptance.count} accepted by policy`}</span>
      )}
      {on && !!unknownCount && <span className="counts" data-testid="unknown-count" title="Verdicts that depend on data this version lacks">{unknownCount} unknown</span>}
      {port !== null && matchCount !== null && <span className="counts" data-testid="port-count">{matchCount} open on {port}</span>}
    </div>
  )
}

/** 0-65535 as typed, else null. */
export function parsePort(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,5}$/.test(t)) return null
  const n = Number(t)
  return n <= 65535 ? n : null
}

/** Severity swatches for the legend while the overlay is on: colour, border and the label's word (and "accepted" with a policy). */
export function ExposureLegend({ accepted = false }: { accepted?: boolean }) {
  return (
    <div className="legend-group" data-testid="exposure-legend">
      {SEVERITIES.map((s) => (
        <span className="legend-item" key={s}>
          <span className={`swatch swatch-tag sev-swatch sev-${s}`} style={{ background: SEVERITY_COLOURS[s].fill, borderColor: SEVERITY_COLOURS[s].border, color: SEVERITY_COLOURS[s].text }}>
            {SEVERITY_WORD[s]}
          </span>
          {s}
        </span>
      ))}
      {accepted && (
        <span className="legend-item" data-testid="legend-accepted">
          <span className="swatch swatch-tag sev-swatch" style={{ background: ACCEPTED_STYLE.fill, borderColor: ACCEPTED_STYLE.border, borderStyle: 'dashed', color: ACCEPTED_STYLE.text }}>
            ACCEPTED
          </span>
          accepted by policy
        </span>
      )}
    </div>
  )
}
