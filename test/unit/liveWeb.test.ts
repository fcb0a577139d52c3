import { describe, expect, it } from 'vitest'
import type { LatestVersion, Severity } from '../../shared/index.ts'
import { liveNoticeText } from '../../web/src/components/liveNoticeText.ts'
import { versionInList } from '../../web/src/state/versionInList.ts'

const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
const latest = (id: string, parent: string | null, changes: LatestVersion['changes']): LatestVersion =>
  ({ env: 'prod', id, createdAt: '2026-11-28T02:00:00.000Z', source: 'discover', parent, changes })
const summary = (highestSeverity: Severity | null) =>
  ({ added: 0, removed: 0, modified: 1, relationships: 0, exposure: 1, highestSeverity })

describe('liveNoticeText', () => {
  it('names the version and its most severe changes', () => {
    expect(liveNoticeText(latest('2', '1', { summary: summary('critical'), changes: { ...none, critical: 1 }, exposure: { ...none, critical: 1 } })))
      .toBe('Version 2 recorded: 1 critical change')
    expect(liveNoticeText(latest('7', '6', { summary: summary('high'), changes: { ...none, high: 2, low: 3 }, exposure: none })))
      .toBe('Version 7 recorded: 2 high changes and 3 more')
  })
  it('counts exposure changes when they alone are the most severe', () => {
    expect(liveNoticeText(latest('3', '2', { summary: summary('critical'), changes: { ...none, low: 2 }, exposure: { ...none, critical: 1 } })))
      .toBe('Version 3 recorded: 1 critical exposure change and 2 other changes')
  })
  it('says when there is nothing to compare with, or nothing changed', () => {
    expect(liveNoticeText(latest('1', null, null))).toBe('Version 1 recorded (the first version)')
    expect(liveNoticeText(latest('9', '8', null))).toBe('Version 9 recorded (its parent, version 8, was pruned)')
    expect(liveNoticeText(latest('4', '3', { summary: summary(null), changes: none, exposure: none }))).toBe('Version 4 recorded: no changes since version 3')
  })
})

describe('versionInList (version=, from=, to= in the address)', () => {
  const versions = [
    { id: '1', createdAt: '2026-11-28T01:00:00.000Z' },
    { id: '2', createdAt: '2026-11-28T02:00:00.000Z' },
  ]
  const now = Date.parse('2026-11-28T03:00:00.000Z')
  it('takes listed ids, latest and times', () => {
    expect(versionInList('1', versions, now)).toEqual({ id: '1', error: null })
    expect(versionInList('latest', versions, now)).toEqual({ id: '2', error: null })
    expect(versionInList('2026-11-28T01:30Z', versions, now)).toEqual({ id: '1', error: null })
    expect(versionInList('30m ago', versions, now)).toEqual({ id: '2', error: null })
  })
  it('leaves nothing or an unlisted id to the default, and reports a time that names no version', () => {
    expect(versionInList(null, versions, now)).toEqual({ id: null, error: null })
    expect(versionInList('5', versions, now)).toEqual({ id: null, error: null })
    expect(versionInList('2026-11-28T00:30Z', versions, now)).toEqual({ id: null, error: '2026-11-28T00:30:00.000Z ("2026-11-28T00:30Z") is before the first stored version (version 1, recorded 2026-11-28T01:00:00.000Z)' })
    expect(versionInList('soon', versions, now).error).toMatch(/got "soon"/)
  })
})
