import { describe, expect, it } from 'vitest'
import { parseVersionSpec, resolveVersion, VersionSpecError, type VersionPoint } from '../../shared/resolveVersion.ts'

const NOW = Date.parse('2026-11-28T12:00:00.000Z')
// Three versions an hour apart; the latest was last checked at 11:30.
const VERSIONS: VersionPoint[] = [
  { id: '1', createdAt: '2026-11-28T01:00:00.000Z', checkedAt: '2026-11-28T01:50:00.000Z' },
  { id: '2', createdAt: '2026-11-28T02:00:00.000Z', checkedAt: '2026-11-28T02:30:00.000Z' },
  { id: '3', createdAt: '2026-11-28T03:00:00.000Z', checkedAt: '2026-11-28T11:30:00.000Z' },
]
const at = (spec: string, versions = VERSIONS) => resolveVersion(spec, versions, NOW)
const problem = (spec: string, versions = VERSIONS) => {
  try {
    at(spec, versions)
  } catch (e) {
    expect(e).toBeInstanceOf(VersionSpecError)
    return { problem: (e as VersionSpecError).problem, message: (e as Error).message }
  }
  throw new Error(`"${spec}" resolved`)
}

describe('resolveVersion', () => {
  it('passes version numbers and latest through (the store says whether they exist)', () => {
    expect(at('2')).toEqual({ id: '2' })
    expect(at('17')).toEqual({ id: '17' })
    expect(at('latest')).toEqual({ id: 'latest' })
  })

  it('resolves a time exactly at a version to that version', () => {
    expect(at('2026-11-28T02:00Z')).toEqual({ id: '2', at: '2026-11-28T02:00:00.000Z' })
    expect(at('2026-11-28T01:00:00Z')).toEqual({ id: '1', at: '2026-11-28T01:00:00.000Z' })
    // One millisecond before version 2 is still version 1.
    expect(at('2026-11-28T01:59:59.999Z').id).toBe('1')
  })

  it('resolves a time between versions to the one recorded last before it', () => {
    expect(at('2026-11-28T02:10Z')).toEqual({ id: '2', at: '2026-11-28T02:10:00.000Z' })
    expect(at('2026-11-28T02:59:59Z').id).toBe('2')
    // After the latest version but before its last check: the latest, with nothing to caution.
    expect(at('2026-11-28T11:00Z')).toEqual({ id: '3', at: '2026-11-28T11:00:00.000Z' })
  })

  it('says when a time is later than the latest version was last checked', () => {
    expect(at('2026-11-28T11:45Z')).toEqual({ id: '3', at: '2026-11-28T11:45:00.000Z', afterLastCheck: true })
    // Within the minute of clock skew the future is tolerated and reads as the latest.
    expect(at('2026-11-28T12:00:45Z')).toEqual({ id: '3', at: '2026-11-28T12:00:45.000Z', afterLastCheck: true })
  })

  it('reads offsets, seconds, fractions and a space for the "+" a query string turns into one', () => {
    expect(at('2026-11-28T03:10+01:00')).toEqual({ id: '2', at: '2026-11-28T02:10:00.000Z' })
    expect(at('2026-11-28T03:10+0100').at).toBe('2026-11-28T02:10:00.000Z')
    expect(at('2026-11-28T03:10+01').at).toBe('2026-11-28T02:10:00.000Z')
    expect(at('2026-11-28T03:10 01:00').at).toBe('2026-11-28T02:10:00.000Z')
    expect(at('2026-11-27T21:10-05:00')).toEqual({ id: '2', at: '2026-11-28T02:10:00.000Z' })
    expect(at('2026-11-28 02:10:30.25Z').at).toBe('2026-11-28T02:10:30.250Z')
    expect(at('2026-11-28t02:10z').at).toBe('2026-11-28T02:10:00.000Z')
  })

  it('reads relative times against the clock it is given', () => {
    expect(at('11h ago')).toEqual({ id: '1', at: '2026-11-28T01:00:00.000Z' })
    expect(at('10h ago')).toEqual({ id: '2', at: '2026-11-28T02:00:00.000Z' })
    expect(at('9h30m ago')).toEqual({ id: '2', at: '2026-11-28T02:30:00.000Z' })
    expect(at('30m ago')).toEqual({ id: '3', at: '2026-11-28T11:30:00.000Z' })
    expect(at('29m ago').afterLastCheck).toBe(true)
    expect(at('600 minutes ago').at).toBe('2026-11-28T02:00:00.000Z')
    expect(at('2 hours ago').id).toBe('3')
    expect(at('0s ago')).toEqual({ id: '3', at: '2026-11-28T12:00:00.000Z', afterLastCheck: true })
    expect(parseVersionSpec('3d ago', NOW)).toEqual({ kind: 'time', at: NOW - 3 * 86_400_000 })
    expect(parseVersionSpec('1w ago', NOW)).toEqual({ kind: 'time', at: NOW - 7 * 86_400_000 })
    expect(parseVersionSpec('90s ago', NOW)).toEqual({ kind: 'time', at: NOW - 90_000 })
  })

  it('refuses a time before the first stored version, naming that version', () => {
    expect(problem('2026-11-28T00:59Z')).toEqual({
      problem: 'before_first',
      message: '2026-11-28T00:59:00.000Z ("2026-11-28T00:59Z") is before the first stored version (version 1, recorded 2026-11-28T01:00:00.000Z)',
    })
    expect(problem('3d ago').problem).toBe('before_first')
    expect(problem('2026-11-28T02:00Z', []).problem).toBe('no_versions')
  })

  it('refuses a time in the future', () => {
    expect(problem('2026-11-28T12:02Z')).toEqual({
      problem: 'future',
      message: '2026-11-28T12:02:00.000Z ("2026-11-28T12:02Z") is in the future (now is 2026-11-28T12:00:00.000Z): no version is known to be current then',
    })
    expect(problem('2027-01-01T00:00Z').problem).toBe('future')
  })

  it('picks by recording time, not by id, when collectors\' clocks disagree', () => {
    const skewed: VersionPoint[] = [
      { id: '1', createdAt: '2026-11-28T10:00:00.000Z' },
      { id: '2', createdAt: '2026-11-28T09:58:00.000Z' },
      { id: '3', createdAt: '2026-11-28T10:00:00.000Z' },
    ]
    expect(at('2026-11-28T09:59Z', skewed).id).toBe('2')
    // Two versions recorded at the same instant: the later one.
    expect(at('2026-11-28T10:00Z', skewed).id).toBe('3')
  })

  it('refuses malformed specs with a message saying what it reads', () => {
    const cases: [string, RegExp][] = [
      ['', /expected a version number, "latest", a time such as 2026-11-28T02:10Z/],
      ['0', /expected a version number/],
      ['03', /expected a version number/],
      ['yesterday', /got "yesterday"/],
      ['2h', /got "2h"/],
      ['2 fortnights ago', /"fortnights" in "2 fortnights ago" is not a unit/],
      ['2026-11-28', /is a date without a time: give the time and zone too, such as 2026-11-28T00:00Z/],
      ['2026-11-28T02:10', /has no time zone: add Z for UTC or an offset/],
      ['2026-13-01T00:00Z', /month 13 does not exist/],
      ['2026-02-29T00:00Z', /day 29 does not exist in 2026-02/],
      ['2026-11-28T24:00Z', /24:00 is not a time of day/],
      ['2026-11-28T02:60Z', /02:60 is not a time of day/],
      ['2026-11-28T02:10:61Z', /02:10:61 is not a time of day/],
      ['2026-11-28T02:10+15:00', /\+15:00 is not a UTC offset/],
      ['2026-11-28T02:10Zjunk', /got "2026-11-28T02:10Zjunk"/],
      ['99999999999999d ago', /more than 100 years ago/],
    ]
    for (const [spec, message] of cases) {
      const p = problem(spec)
      expect(p.problem, spec).toBe('malformed')
      expect(p.message, spec).toMatch(message)
    }
    // Leap day of a leap year is a day.
    expect(() => parseVersionSpec('2028-02-29T00:00Z', NOW)).not.toThrow()
  })
})
