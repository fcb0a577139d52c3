/**
 * Elementary port segments: cut [lo, hi] at every rule boundary, so that inside one segment every rule
 * either matches all ports or none (§10 phase A.3). `ranges` are the rules' [lo, hi].
 */
export function segments(lo: number, hi: number, ranges: Iterable<readonly [number, number]>): Array<[number, number]> {
  const cuts = new Set<number>([lo, hi + 1])
  for (const [a, b] of ranges) {
    if (a > lo && a <= hi) cuts.add(a)
    if (b + 1 > lo && b + 1 <= hi) cuts.add(b + 1)
  }
  const sorted = [...cuts].sort((x, y) => x - y)
  const out: Array<[number, number]> = []
  for (let i = 0; i + 1 < sorted.length; i++) out.push([sorted[i], sorted[i + 1] - 1])
  return out
}
