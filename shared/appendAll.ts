/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and V8
 * throws "Maximum call stack size exceeded" above about 120,000 of them. Response files, pages and
 * rule lists come from outside and can be that long. Returns target.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  const n = items.length
  for (let i = 0; i < n; i++) target.push(items[i]!)
  return target
}
