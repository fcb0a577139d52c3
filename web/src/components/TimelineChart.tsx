import { useEffect, useRef, useState } from 'react'
import { max, scaleLinear, scalePoint, symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3'
import { formatTime } from './formatTime.ts'
import { LEVEL_STYLE, type MarkLevel, type MarkShape, type TimelineMark } from './timelineMarks.ts'

interface Props {
  marks: readonly TimelineMark[]
  /** Versions picked so far (zero, one or two). */
  picked: readonly string[]
  onPick: (id: string) => void
}

const HEIGHT = 320
const M = { top: 44, right: 28, bottom: 64, left: 52 }
const SHAPES: Record<MarkShape, SymbolType> = { diamond: symbolDiamond, triangle: symbolTriangle, square: symbolSquare, circle: symbolCircle, 'triangle-down': symbolTriangle }
/** triangle-down is the up triangle turned over. */
const turn = (shape: MarkShape) => (shape === 'triangle-down' ? ' rotate(180)' : '')
export const BAR_COLOURS = { added: '#16a34a', removed: '#dc2626', modified: '#d97706' } as const

/**
 * Versions left to right (evenly spaced: runs can be minutes or weeks apart), a stacked bar of
 * added / removed / modified resources against the parent, and on top a mark whose shape, size and
 * colour give the highest severity of those changes. d3 computes scales and symbol paths; React
 * renders every SVG element, with data only in text nodes and attributes.
 */
export function TimelineChart({ marks, picked, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(900)
  useEffect(() => {
    if (!box.current) return
    const ro = new ResizeObserver(([e]) => setWidth(Math.max(360, Math.floor(e.contentRect.width))))
    ro.observe(box.current)
    return () => ro.disconnect()
  }, [])

  const x = scalePoint<string>().domain(marks.map((m) => m.id)).range([M.left, width - M.right]).padding(0.5)
  const top = max(marks, (m) => m.total) ?? 0
  const y = scaleLinear().domain([0, Math.max(4, top)]).nice().range([HEIGHT - M.bottom, M.top + 26])
  const barW = Math.max(8, Math.min(34, x.step() * 0.35))
  const ticks = y.ticks(Math.min(5, y.domain()[1]))

  return (
    <div ref={box} className="timeline-chart">
      <svg width={width} height={HEIGHT} role="img" aria-label="Versions over time with their changes" data-testid="timeline-svg">
        <g className="timeline-grid">
          {ticks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={M.left} x2={width - M.right} stroke="#e5e9f0" />
              <text x={M.left - 8} dy="0.32em" textAnchor="end" className="timeline-tick">{t}</text>
            </g>
          ))}
          <text transform={`translate(14,${(HEIGHT - M.bottom + M.top) / 2}) rotate(-90)`} textAnchor="middle" className="timeline-axis-label">
            resources changed
          </text>
        </g>
        {marks.map((m) => {
          const cx = x(m.id) ?? 0
          const parts = (['added', 'removed', 'modified'] as const).filter((k) => m[k] > 0)
          let acc = 0
          // Clear of the bar's top, whatever the symbol's size.
          const markY = y(m.total) - Math.sqrt(m.area) * 0.75 - 6
          const isPicked = picked.includes(m.id)
          return (
            <g
              key={m.id}
              className={isPicked ? 'timeline-mark timeline-mark-picked' : 'timeline-mark'}
              data-testid="timeline-mark"
              data-version={m.id}
              data-level={m.level}
              role="button"
              tabIndex={0}
              aria-pressed={isPicked}
              aria-label={`Version ${m.id}, ${m.level === 'first' ? 'first version' : `${m.total} resources changed, highest severity ${m.level}`}`}
              onClick={() => onPick(m.id)}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onPick(m.id) } }}
            >
              <title>{`v${m.id} · ${formatTime(m.createdAt)} · ${m.source}\n+${m.added} −${m.removed} ~${m.modified} · ${m.exposure} exposure · ${m.relationships} links\n${m.resources} resources`}</title>
              {/* A wide transparent target: the whole column picks the version. */}
              <rect x={cx - x.step() / 2} y={M.top - 30} width={x.step()} height={HEIGHT - M.bottom - M.top + 60} fill="transparent" />
              {isPicked && <rect x={cx - x.step() / 2 + 3} y={M.top - 30} width={x.step() - 6} height={HEIGHT - M.bottom - M.top + 60} rx={8} className="timeline-picked-band" />}
              {parts.map((k) => {
                const y0 = y(acc)
                acc += m[k]
                return <rect key={k} x={cx - barW / 2} y={y(acc)} width={barW} height={Math.max(0, y0 - y(acc))} fill={BAR_COLOURS[k]} className={`timeline-bar timeline-bar-${k}`} />
              })}
              <line x1={cx} x2={cx} y1={markY} y2={y(m.total)} stroke="#94a3b8" strokeDasharray="2 2" />
              <path d={symbol(SHAPES[m.shape], m.area)() ?? ''} transform={`translate(${cx},${markY})${turn(m.shape)}`} fill={m.fill} stroke={m.stroke} strokeWidth={2} className="timeline-symbol" />
              {m.exposure > 0 && (
                <text x={cx} y={markY - Math.sqrt(m.area) * 0.85 - 6} textAnchor="middle" className="timeline-exposure">{m.exposure} exposure</text>
              )}
              <text x={cx} y={HEIGHT - M.bottom + 18} textAnchor="middle" className="timeline-version">v{m.id}</text>
              <text x={cx} y={HEIGHT - M.bottom + 34} textAnchor="middle" className="timeline-time">{formatTime(m.createdAt).replace(' UTC', '')}</text>
              <text x={cx} y={HEIGHT - M.bottom + 49} textAnchor="middle" className="timeline-source">{m.source}</text>
            </g>
          )
        })}
        <line x1={M.left} x2={width - M.right} y1={HEIGHT - M.bottom} y2={HEIGHT - M.bottom} stroke="#94a3b8" />
      </svg>
    </div>
  )
}

const LEGEND_LEVELS: MarkLevel[] = ['critical', 'high', 'medium', 'low', 'info', 'none', 'first']

/** The key: the severity marks (shape, size and colour) and the bar colours. */
export function TimelineLegend() {
  return (
    <div className="timeline-legend" data-testid="timeline-legend" aria-label="Timeline legend">
      {LEGEND_LEVELS.map((l) => {
        const s = LEVEL_STYLE[l]
        return (
          <span className="legend-item" key={l}>
            <svg width={28} height={28} aria-hidden="true">
              <path d={symbol(SHAPES[s.shape], Math.min(s.area, 150))() ?? ''} transform={`translate(14,14)${turn(s.shape)}`} fill={s.fill} stroke={s.stroke} strokeWidth={1.5} />
            </svg>
            {s.label}
          </span>
        )
      })}
      {(Object.keys(BAR_COLOURS) as (keyof typeof BAR_COLOURS)[]).map((k) => (
        <span className="legend-item" key={k}><span className="swatch swatch-box" style={{ background: BAR_COLOURS[k], borderColor: BAR_COLOURS[k] }} />{k}</span>
      ))}
    </div>
  )
}
