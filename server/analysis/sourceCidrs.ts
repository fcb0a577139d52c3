import { AddressSet } from './AddressSet.ts'
import { INTERNET } from './internetSpace.ts'

const NOT_INTERNET = AddressSet.ALL.subtract(INTERNET)

/**
 * Internet sources as people write them: the fewest CIDRs whose internet part is exactly `set`.
 * Non-internet space (private, documentation, multicast…) may be folded in, so the whole internet
 * reads `0.0.0.0/0` instead of a hundred blocks around RFC 1918; blocks that are only non-internet
 * space are dropped.
 */
export function sourceCidrs(set: AddressSet): string[] {
  if (set.isEmpty()) return []
  const padded = set.union(NOT_INTERNET)
  return padded.toCidrs().filter((c) => !NOT_INTERNET.covers(AddressSet.fromCidr(c)))
}
