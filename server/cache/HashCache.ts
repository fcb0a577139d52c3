/**
 * A small least-recently-used cache for results that are pure functions of a snapshot (graph,
 * exposure, findings), keyed by the snapshot's content hash. Versions never change once written, so
 * a hash key never goes stale; the bound only keeps memory in check.
 */
export class HashCache<V> {
  private readonly entries = new Map<string, V>()
  constructor(private readonly capacity = 16) {}

  get(key: string, compute: () => V): V {
    const hit = this.entries.get(key)
    if (hit !== undefined) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit
    }
    const value = compute()
    this.entries.set(key, value)
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    return value
  }

  delete(key: string): void {
    this.entries.delete(key)
  }
}
