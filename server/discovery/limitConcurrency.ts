/** A bound on work in flight: `limit(fn)` runs fn when fewer than `max` others are running. */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>

export function limitConcurrency(max: number): Limit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`limitConcurrency: ${max} is not a positive integer`)
  let running = 0
  const waiting: (() => void)[] = []
  const release = () => {
    // A finishing task hands its slot straight to the next waiter: `running` never drops in between.
    // (Decrementing first and letting the waiter take the slot on a later microtask let a caller that
    // arrived meanwhile take it too, so more than `max` ran at once.)
    const next = waiting.shift()
    if (next) next()
    else running--
  }
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running < max) running++
    else await new Promise<void>((r) => waiting.push(r))
    try {
      return await fn()
    } finally {
      release()
    }
  }
}
