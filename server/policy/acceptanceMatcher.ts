import type { PolicyAcceptance, PortInterval } from '../../shared/index.ts'
import { AddressSet } from '../analysis/AddressSet.ts'
import { INTERNET } from '../analysis/internetSpace.ts'
import type { PolicyContext } from './PolicyContext.ts'
import { parseTag, portRange, tagMatches } from './policyTerms.ts'

/** A finding, exposure or scope violation, in the terms acceptances match on. */
export interface PolicyItem {
  id: string
  /** The finding's check; for an exposure, the checks of the findings about it; SCOPE_VIOLATION for violations. */
  checks: string[]
  resourceIds: string[]
  protocols: string[]
  ports: PortInterval[]
  sources: string[]
  /** `sources` ∩ the internet, computed on first use: many acceptances test the same item. */
  internetSources?: AddressSet
}

/**
 * An acceptance as a predicate. Every matcher given must hold: `check` and `resource` name the item;
 * `tag` is on one of its resources; the item's ports lie within `port`, its protocols are `protocol`,
 * and its internet sources lie within `source` (a CIDR or a prefix list's entries). An acceptance
 * never covers more than it says: an item without ports is not accepted by a `port` matcher.
 */
export function acceptanceMatcher(a: PolicyAcceptance, ctx: PolicyContext): (item: PolicyItem) => boolean {
  const tag = a.tag === undefined ? undefined : parseTag(a.tag)
  const range = a.port === undefined ? undefined : portRange(a.port)
  const source = a.source === undefined ? undefined
    : a.source.startsWith('pl-') ? ctx.analysis.model.prefixLists.get(a.source)?.addrs ?? AddressSet.EMPTY : AddressSet.fromCidr(a.source)
  return (item) => (a.check === undefined || item.checks.includes(a.check))
    && (a.resource === undefined || item.resourceIds.includes(a.resource))
    && (tag === undefined || item.resourceIds.some((id) => tagMatches(ctx.tagsOf(id), tag)))
    && (a.protocol === undefined || (item.protocols.length > 0 && item.protocols.every((p) => p === a.protocol)))
    && (range === undefined || (item.ports.length > 0 && item.ports.every(([lo, hi]) => lo >= range[0] && hi <= range[1])))
    && (source === undefined || (item.sources.length > 0 && source.covers(item.internetSources ??= AddressSet.fromCidrs(item.sources).intersect(INTERNET))))
}

/** `check=ADMIN_PORT_EXPOSED resource=i-0ab port=22`: what an entry matches on, for reports. */
export function describeAcceptance(a: PolicyAcceptance): string {
  return (['check', 'resource', 'tag', 'port', 'protocol', 'source'] as const).filter((k) => a[k] !== undefined).map((k) => `${k}=${a[k]}`).join(' ')
}
