import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SLOW_FILES } from '../slowFirstSequencer.ts'

describe('SlowFirstSequencer', () => {
  it('names files that exist, so a renamed slow file is not silently started last again', () => {
    for (const f of SLOW_FILES) expect(existsSync(new URL(`../../${f}`, import.meta.url)), f).toBe(true)
  })
})
