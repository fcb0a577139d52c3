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
  const never = alsoNot.isEmpty() ? NOT_INTERNET : NOT_INTERNET.union(alsoNot)
  return set.union(never).toCidrs().filter((c) => !never.covers(AddressSet.fromCidr(c)))
}
