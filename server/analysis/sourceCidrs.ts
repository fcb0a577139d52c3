import { AddressSet } from './AddressSet.ts'
import { INTERNET } from './internetSpace.ts'

const NOT_INTERNET = AddressSet.ALL.subtract(INTERNET)

/**
 * Internet sources as people write them: the fewest CIDRs whose internet part is exactly `set`.
 * Non-internet space (private, documentation, multicast…) may be folded in, so the whole internet
 * reads `0.0.0.0/0` instead of a hundred blocks around RFC 1918; blocks that are only non-internet
 * space are dropped. `alsoNot`: more blocks that can never be sources here (the VPC's own).
 */
export function sourceCidrs(set: AddressSet, alsoNot: AddressSet = AddressSet.EMPTY): string[] {
  if (set.isEmpty()) return []
  // Results are shared by every interface with the same groups and subnet: the same set objects recur.
  let byPad = memo.get(set)
  if (!byPad) { byPad = new WeakMap(); memo.set(set, byPad) }
  const hit = byPad.get(alsoNot)
  if (hit) return hit
  const out = compute(set, alsoNot)
  byPad.set(alsoNot, out)
  return out
}

const memo = new WeakMap<AddressSet, WeakMap<AddressSet, string[]>>()

function compute(set: AddressSet, alsoNot: AddressSet): string[] {
  const never = alsoNot.isEmpty() ? NOT_INTERNET : NOT_INTERNET.union(alsoNot)
  // Every block lies in set ∪ never; keep those that hold some of `set`.
  return set.union(never).toBlocks()
    .filter((b) => (b.family === 4 ? set.v4.overlaps(b.lo, b.hi) : set.v6.overlaps(b.lo, b.hi)))
    .map((b) => b.text)
}
