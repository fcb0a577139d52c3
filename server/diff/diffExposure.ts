import type { ChangeCause, ExposureChange, ExposureChangeType, ExposureFact, PortRange, ResourceKind, Severity } from '../../shared/index.ts'
import { cidrCovers, portRangeText, sourcesText } from '../../shared/network/index.ts'
import { capSeverity, severityRank } from '../../shared/severityOrder.ts'

export interface ExposureDiffDeps {
  kindOf(resourceId: string): ResourceKind
  /** Interfaces that carry the exposed resource (for a group), else empty. */
  affectedOf(resourceId: string): string[]
  /** The most a change on this resource can be (a group nobody uses: low). */
  capOf(resourceId: string): Severity
  causesOf(resourceId: string, protocol: string, ports: PortRange, widening: boolean): ChangeCause[]
  /** The severity of letting these sources open (protocol, ports), before the cap. */
  severityOf(protocol: string, ports: PortRange, sources: readonly string[]): Severity
}

type PieceState = 'none' | 'same' | 'opened' | 'closed' | 'widened' | 'narrowed'
interface Piece { from: number; to: number; before: string[]; after: string[]; gained: string[]; lost: string[]; state: PieceState }

const ORDER: ExposureChangeType[] = ['newly-exposed', 'widened', 'narrowed', 'no-longer-exposed']

/**
 * Exposure before and after → what changed, per resource and protocol. Ports are cut into pieces at
 * every rule boundary; on each piece the sources before and after are compared by CIDR coverage
 * (81.2.0.0/16 covers 81.2.69.0/24, so that change is "widened"). A port range that opens next to
 * ports already open is widened; one that opens alone is newly exposed. Ranked, most severe first.
 */
export function diffExposure(before: readonly ExposureFact[], after: readonly ExposureFact[], deps: ExposureDiffDeps): ExposureChange[] {
  const groups = new Map<string, { b: ExposureFact[]; a: ExposureFact[] }>()
  const add = (f: ExposureFact, side: 'a' | 'b') => {
    const k = `${f.resourceId}\u0000${f.protocol}`
    const g = groups.get(k) ?? { b: [], a: [] }
    g[side].push(f)
    groups.set(k, g)
  }
  for (const f of before) add(f, 'b')
  for (const f of after) add(f, 'a')

  const out: ExposureChange[] = []
  for (const [k, g] of groups) {
    const [resourceId, protocol] = k.split('\u0000') as [string, string]
    const pieces = merge(cut(g.b, g.a))
    pieces.forEach((p, i) => {
      if (p.state === 'none' || p.state === 'same') return
      const prev = pieces[i - 1]
      const next = pieces[i + 1]
      const touches = (q: Piece | undefined, side: 'before' | 'after') =>
        !!q && (q.to + 1 === p.from || p.to + 1 === q.from) && q[side].length > 0 && q.state !== 'opened' && q.state !== 'closed'
      let change: ExposureChangeType
      if (p.state === 'opened') change = touches(prev, 'before') || touches(next, 'before') ? 'widened' : 'newly-exposed'
      else if (p.state === 'closed') change = touches(prev, 'after') || touches(next, 'after') ? 'narrowed' : 'no-longer-exposed'
      else change = p.state
      const ports = { from: p.from, to: p.to }
      const widening = change === 'newly-exposed' || change === 'widened'
      const newSources = p.state === 'opened' ? p.after : p.gained
      // Graded on what became reachable, all new sources taken together (the shared catalogue).
      const severity = !widening ? 'info' : capSeverity(deps.severityOf(protocol, ports, newSources), deps.capOf(resourceId))
      const sources = p.state === 'closed' ? p.before : p.after
      out.push({
        change, severity, resourceId, resourceKind: deps.kindOf(resourceId), protocol, ports, sources,
        addedSources: p.state === 'opened' ? p.after : p.gained,
        removedSources: p.state === 'closed' ? p.before : p.lost,
        affected: deps.affectedOf(resourceId),
        causes: deps.causesOf(resourceId, protocol, ports, widening),
        summary: summarize(change, resourceId, protocol, ports, p),
      })
    })
  }
  return out.sort((x, y) =>
    severityRank(x.severity) - severityRank(y.severity) || ORDER.indexOf(x.change) - ORDER.indexOf(y.change)
    || cmp(x.resourceId, y.resourceId) || cmp(x.protocol, y.protocol) || x.ports.from - y.ports.from)
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function cut(before: ExposureFact[], after: ExposureFact[]): Piece[] {
  const points = new Set<number>()
  for (const f of [...before, ...after]) { points.add(f.ports.from); points.add(f.ports.to + 1) }
  const sorted = [...points].sort((x, y) => x - y)
  const pieces: Piece[] = []
  const sourcesAt = (facts: ExposureFact[], from: number, to: number) =>
    [...new Set(facts.filter((f) => f.ports.from <= from && f.ports.to >= to).flatMap((f) => f.sources))].sort()
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i]!
    const to = sorted[i + 1]! - 1
    const b = sourcesAt(before, from, to)
    const a = sourcesAt(after, from, to)
    const gained = a.filter((s) => !b.some((o) => cidrCovers(o, s)))
    const lost = b.filter((s) => !a.some((o) => cidrCovers(o, s)))
    const state: PieceState = b.length === 0 && a.length === 0 ? 'none'
      : b.length === 0 ? 'opened' : a.length === 0 ? 'closed'
        : gained.length > 0 ? 'widened' : lost.length > 0 ? 'narrowed' : 'same'
    pieces.push({ from, to, before: b, after: a, gained, lost, state })
  }
  return pieces
}

/** Joins neighbouring pieces that changed the same way with the same sources. */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = []
  for (const p of pieces) {
    const last = out[out.length - 1]
    if (last && last.to + 1 === p.from && last.state === p.state
      && last.before.join() === p.before.join() && last.after.join() === p.after.join()) last.to = p.to
    else out.push({ ...p })
  }
  return out
}

function summarize(change: ExposureChangeType, id: string, protocol: string, ports: PortRange, piece: Piece): string {
  const p = { before: sourcesText(piece.before), after: sourcesText(piece.after), state: piece.state }
  const what = protocol === 'tcp' || protocol === 'udp'
    ? `${protocol} ${ports.from === 0 && ports.to === 65535 ? 'all ports' : portRangeText(ports.from, ports.to)}`
    : protocol
  switch (change) {
    case 'newly-exposed': return `${id} newly exposed: ${what} from ${p.after}`
    case 'no-longer-exposed': return `${id} no longer exposed: ${what} (was from ${p.before})`
    case 'widened': return p.state === 'opened'
      ? `${id} widened: ${what} now also open from ${p.after}`
      : `${id} widened: ${what} now from ${p.after} (was ${p.before})`
    case 'narrowed': return p.state === 'closed'
      ? `${id} narrowed: ${what} no longer open (was from ${p.before})`
      : `${id} narrowed: ${what} now from ${p.after} (was ${p.before})`
  }
}
