import type { Exposure } from '../../shared/index.ts'
import { breadthOfCount } from '../../shared/network/index.ts'
import type { AddressSet } from './AddressSet.ts'

/**
 * How much of the internet a set of internet sources is, by the shared definition (world ≥ 99 %,
 * broad > a /16 or a /32, host = one address). Exposed and rule sets are already cut to internet
 * space, so they are never empty of it; an empty set would be `none`, reported as `narrow`.
 */
export function breadthOf(set: AddressSet): Exposure['breadth'] {
  const b = breadthOfCount({ v4: set.v4.size(), v6: set.v6.size() })
  return b === 'none' ? 'narrow' : b
}
