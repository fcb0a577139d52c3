import { DIFF_COLOURS } from '../diagram/diffStylesheet.ts'
import { AFFECTED_GLYPH, EXPOSURE_GLYPH, STATUS_GLYPH } from '../diagram/diffElements.ts'

const STATUSES = [
  ['added', 'added', 'solid'],
  ['removed', 'removed', 'dashed'],
  ['modified', 'modified', 'double'],
] as const

/** The key to the diff view: each status's glyph, colour and border style, and the halos. */
export function DiffLegend() {
  return (
    <section className="legend diff-legend" aria-label="Diff legend" data-testid="diff-legend">
      <div className="legend-group">
        {STATUSES.map(([status, label, style]) => (
          <span className="legend-item" key={status}>
            <span className="swatch diff-swatch" style={{ background: DIFF_COLOURS[status].fill, borderColor: DIFF_COLOURS[status].border, borderStyle: style, color: DIFF_COLOURS[status].text }}>
              {STATUS_GLYPH[status]}
            </span>
            {label}
          </span>
        ))}
      </div>
      <div className="legend-group">
        <span className="legend-item"><span className="swatch diff-halo" style={{ boxShadow: `0 0 0 4px ${DIFF_COLOURS.exposureUp}88` }}>{EXPOSURE_GLYPH.up}</span>more exposed</span>
        <span className="legend-item"><span className="swatch diff-halo" style={{ boxShadow: `0 0 0 4px ${DIFF_COLOURS.exposureDown}88` }}>{EXPOSURE_GLYPH.down}</span>less exposed</span>
        <span className="legend-item"><span className="swatch diff-halo" style={{ boxShadow: `0 0 0 4px ${DIFF_COLOURS.affected}88` }}>{AFFECTED_GLYPH}</span>its SG / NACL / routes changed</span>
      </div>
    </section>
  )
}
