import { INTERNET_IPV6, NON_INTERNET_IPV4, NON_INTERNET_IPV6, WORLD_IPV4 } from '../../shared/network/index.ts'
import { AddressSet } from './AddressSet.ts'

/**
 * The internet as a source, as an address set for interval arithmetic: the one definition in
 * shared/network/internet.ts (global unicast space only, aws-network-semantics.md §10).
 */
export const INTERNET: AddressSet = AddressSet.fromCidrs([WORLD_IPV4, INTERNET_IPV6])
  .subtract(AddressSet.fromCidrs([...NON_INTERNET_IPV4, ...NON_INTERNET_IPV6]))
