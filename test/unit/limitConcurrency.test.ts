/**
 * The bound of discovery's concurrency limiter, fuzzed: many tasks with random delays (timers and
 * microtask-only), rejections and synchronous throws, started in bursts while others finish. The bound
 * must hold at every instant, every task must settle with its own outcome, and the limiter must be
 * reusable afterwards. A seeded generator makes a failure reproducible.
 */
import { describe, expect, it } from 'vitest'
import { limitConcurrency } from '../../server/discovery/limitConcurrency.ts'

function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function fuzz(seed: number, max: number, tasks: number): Promise<{ maxInFlight: number; outcomes: string[] }> {
  const random = seeded(seed)
  const limit = limitConcurrency(max)
  let inFlight = 0
  let maxInFlight = 0
  const settled: Promise<string>[] = []
  for (let i = 0; i < tasks; i++) {
    const kind = Math.floor(random() * 5)
    const delay = Math.floor(random() * 4)
    const task = () => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const done = () => { inFlight-- }
      if (kind === 0) { done(); throw new Error(`sync ${i}`) }
      if (kind === 1) return Promise.resolve().then(() => { done(); return `micro ${i}` })
      if (kind === 2) return sleep(delay).then(() => { done(); throw new Error(`async ${i}`) })
      return sleep(delay).then(() => { done(); return `ok ${i}` })
    }
    settled.push(limit(task).then((v) => v, (e: Error) => `failed: ${e.message}`))
    // New callers arrive in bursts, some while earlier tasks are finishing.
    if (random() < 0.3) await (random() < 0.5 ? Promise.resolve() : sleep(Math.floor(random() * 3)))
  }
  const outcomes = await Promise.all(settled)
  expect(inFlight).toBe(0)
  return { maxInFlight, outcomes }
}

describe('limitConcurrency', () => {
  it('never has more than its bound in flight, across random delays, failures and synchronous throws', async () => {
    const over: { seed: number; max: number; maxInFlight: number }[] = []
    for (let seed = 1; seed <= 24; seed++) {
      const max = [1, 2, 3, 8][seed % 4]!
      const { maxInFlight, outcomes } = await fuzz(seed, max, 200)
      if (maxInFlight > max) over.push({ seed, max, maxInFlight })
      expect(outcomes).toHaveLength(200)
      outcomes.forEach((o, i) => expect(o).toMatch(new RegExp(`^(ok|micro|failed: (sync|async)) ${i}$`)))
    }
    expect(over).toEqual([])
  })

  it('refuses a bound that is not a positive integer', () => {
    expect(() => limitConcurrency(0)).toThrow('limitConcurrency: 0 is not a positive integer')
  })
})
