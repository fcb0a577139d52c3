/**
 * Versions by number or by time: `3`, `latest`, `2026-11-28T02:10Z`, `2026-11-28T02:10:30+01:00`,
 * `2h ago`, `1h30m ago`. A time names the version that was current then: the one recorded last at or
 * before it. Pure (the clock is passed in), and shared by the CLI, the API and the web app, so that
 * the three agree on what a time means.
 */

/** What the resolver needs of a version: its id, when it was recorded and when it was last seen unchanged. */
export interface VersionPoint { id: string; createdAt: string; checkedAt?: string }

export type VersionSpec =
  | { kind: 'id'; id: string }
  | { kind: 'latest' }
  | { kind: 'time'; at: number }

export type VersionSpecProblem = 'malformed' | 'future' | 'before_first' | 'no_versions'

/** A spec that cannot be read or names no version. The message says why; callers prefix the parameter's name. */
export class VersionSpecError extends Error {
  constructor(readonly problem: VersionSpecProblem, message: string) {
    super(message)
    this.name = 'VersionSpecError'
  }
}

export interface ResolvedVersion {
  /** The version id, or `latest` for `latest` (the store resolves it). */
  id: string
  /** For a time: the time it stood for, ISO (UTC). */
  at?: string
  /**
   * For a time later than the last check of the latest version: vpclens cannot know whether the
   * network changed after that check, so the answer is "the latest version recorded", not more.
   */
  afterLastCheck?: boolean
}

/**
 * How far ahead of the clock a time may be and still read as now: a minute of clock skew between
 * the machine that typed the time and the one that answers. Further ahead is an error: no one knows
 * which version will be current then.
 */
export const FUTURE_TOLERANCE_MS = 60_000

const ID = /^[1-9][0-9]*$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+\- ]\d{2}(?::?\d{2})?)?$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const RELATIVE = /^((?:\d+\s*[a-z]+\s*)+)ago$/i
const UNIT_MS: Record<string, number> = {
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
}
/** A relative time further back than this is surely a typo (and would overflow dates). */
const MAX_AGO_MS = 100 * 366 * 86_400_000

const EXAMPLES = 'a version number, "latest", a time such as 2026-11-28T02:10Z or 2026-11-28T02:10:00+01:00, or "2h ago"'

/** Reads a spec without looking at any version. Throws VersionSpecError `malformed`. */
export function parseVersionSpec(text: string, now: number): VersionSpec {
  const s = text.trim()
  if (s === 'latest') return { kind: 'latest' }
  if (ID.test(s)) return { kind: 'id', id: s }
  const rel = RELATIVE.exec(s)
  if (rel) return { kind: 'time', at: now - relativeMs(rel[1], text) }
  const iso = ISO.exec(s)
  if (iso) return { kind: 'time', at: isoMs(iso, text) }
  if (DATE_ONLY.test(s)) throw malformed(`"${text}" is a date without a time: give the time and zone too, such as ${s}T00:00Z`)
  throw malformed(`expected ${EXAMPLES}; got "${text}"`)
}

/**
 * The version a spec names among `versions` (any order). An id is returned as given (whether it
 * exists is the store's answer); `latest` stays `latest`. A time resolves to the version recorded
 * last at or before it (latest `createdAt`, then highest id: collectors' clocks may disagree, and
 * the time is what the user asked about). Throws VersionSpecError: `malformed`; `future` (more than
 * FUTURE_TOLERANCE_MS after `now`); `before_first` (earlier than every stored version); `no_versions`.
 */
export function resolveVersion(text: string, versions: readonly VersionPoint[], now: number): ResolvedVersion {
  const spec = parseVersionSpec(text, now)
  if (spec.kind === 'id') return { id: spec.id }
  if (spec.kind === 'latest') return { id: 'latest' }
  const at = new Date(spec.at).toISOString()
  if (spec.at > now + FUTURE_TOLERANCE_MS) {
    throw new VersionSpecError('future', `${at} ("${text}") is in the future (now is ${new Date(now).toISOString()}): no version is known to be current then`)
  }
  if (versions.length === 0) throw new VersionSpecError('no_versions', `there are no versions to choose from for "${text}"`)
  let best: VersionPoint | undefined
  let first: VersionPoint | undefined
  let latest: VersionPoint | undefined
  for (const v of versions) {
    const t = Date.parse(v.createdAt)
    if (first === undefined || t < Date.parse(first.createdAt)) first = v
    if (latest === undefined || Number(v.id) > Number(latest.id)) latest = v
    if (t > spec.at) continue
    if (best === undefined || t > Date.parse(best.createdAt) || (t === Date.parse(best.createdAt) && Number(v.id) > Number(best.id))) best = v
  }
  if (best === undefined) {
    throw new VersionSpecError('before_first', `${at} ("${text}") is before the first stored version (version ${first!.id}, recorded ${first!.createdAt})`)
  }
  const checked = best.id === latest!.id && best.checkedAt !== undefined ? Date.parse(best.checkedAt) : Number.NaN
  return { id: best.id, at, ...(spec.at > checked ? { afterLastCheck: true } : {}) }
}

/** True for a spec that names a time rather than a version (callers say which version it chose). */
export const isTimeSpec = (text: string): boolean => {
  const s = text.trim()
  return s !== 'latest' && !ID.test(s)
}

function relativeMs(parts: string, text: string): number {
  let ms = 0
  for (const [, n, unit] of parts.matchAll(/(\d+)\s*([a-z]+)/gi)) {
    const size = UNIT_MS[unit.toLowerCase()]
    if (size === undefined) throw malformed(`"${unit}" in "${text}" is not a unit: use s, m (minutes), h, d or w, as in "2h ago" or "1h30m ago"`)
    ms += Number(n) * size
  }
  if (!(ms <= MAX_AGO_MS)) throw malformed(`"${text}" is more than 100 years ago`)
  return ms
}

function isoMs(m: RegExpExecArray, text: string): number {
  const [, y, mo, d, h, mi, sec, frac, zone] = m
  if (zone === undefined) {
    throw malformed(`"${text}" has no time zone: add Z for UTC or an offset such as +01:00 (vpclens does not guess the local zone)`)
  }
  const year = Number(y); const month = Number(mo); const day = Number(d)
  const hour = Number(h); const minute = Number(mi); const second = sec === undefined ? 0 : Number(sec)
  if (month < 1 || month > 12) throw malformed(`"${text}": month ${mo} does not exist`)
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > days) throw malformed(`"${text}": day ${d} does not exist in ${y}-${mo}`)
  if (hour > 23 || minute > 59 || second > 59) throw malformed(`"${text}": ${h}:${mi}${sec === undefined ? '' : `:${sec}`} is not a time of day`)
  let offsetMin = 0
  if (zone.toUpperCase() !== 'Z') {
    // A space stands for "+": in a query string an unencoded "+" arrives as a space.
    const sign = zone[0] === '-' ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const oh = Number(digits.slice(0, 2)); const om = digits.length > 2 ? Number(digits.slice(2)) : 0
    if (oh > 14 || om > 59) throw malformed(`"${text}": ${zone.trim()} is not a UTC offset`)
    offsetMin = sign * (oh * 60 + om)
  }
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000)
  const utc = new Date(0)
  utc.setUTCFullYear(year, month - 1, day)
  utc.setUTCHours(hour, minute, second, ms)
  return utc.getTime() - offsetMin * 60_000
}

const malformed = (message: string) => new VersionSpecError('malformed', message)
