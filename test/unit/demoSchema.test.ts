import { describe, expect, it } from 'vitest'
import { Compile } from 'typebox/compile'
import { Inventory } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'

const validator = Compile(Inventory)

/** The first few schema errors, readable in a failure message. */
function firstErrors(value: unknown): string[] {
  return [...validator.Errors(value)].slice(0, 5).map((e) => JSON.stringify(e))
}

describe('demo inventories match the shared Inventory schema', () => {
  it('every version of the default demo validates', () => {
    const versions = generateDemoVersions({})
    expect(versions.length).toBeGreaterThanOrEqual(5)
    for (const v of versions) {
      expect(validator.Check(v), firstErrors(v).join('\n')).toBe(true)
      expect(v.source).toBe('demo')
      expect(v.regions).toHaveLength(1)
    }
  })

  it('every version at scale 2000 validates', () => {
    for (const v of generateDemoVersions({ scale: 2000 })) {
      expect(validator.Check(v), firstErrors(v).join('\n')).toBe(true)
    }
  })

  it('collectedAt values are a day apart and end at now', () => {
    const now = new Date('2026-03-10T12:00:00.000Z')
    const times = generateDemoVersions({ now }).map((v) => Date.parse(v.collectedAt))
    expect(times[times.length - 1]).toBe(now.getTime())
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(86_400_000)
  })
})
