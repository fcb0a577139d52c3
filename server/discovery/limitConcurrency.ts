/** A bound on work in flight: `limit(fn)` runs fn when fewer than `max` others are running. */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>

export function limitConcurrency(max: number): Limit {
  let running = 0
  const waiting: (() => void)[] = []
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((r) => waiting.push(r))
    running++
    try {
      return await fn()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
