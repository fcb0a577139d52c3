import type { PolicySelector } from '../../shared/index.ts'
import type { EniC } from '../analysis/Model.ts'
import { eniIds, type PolicyContext } from './PolicyContext.ts'
import { parseTag, tagMatches } from './policyTerms.ts'

export type EniPredicate = (eni: EniC) => boolean

/**
 * A scope's selector as a predicate on network interfaces: every condition given must hold. A tag
 * matches when the interface or what owns it (instance, load balancer) carries it, because teams tag
 * instances, not the interfaces AWS creates for them.
 */
export function selectEnis(sel: PolicySelector | undefined, ctx: PolicyContext): EniPredicate {
  if (!sel) return () => true
  const tag = sel.tag === undefined ? undefined : parseTag(sel.tag)
  return (eni) => (sel.vpc === undefined || eni.vpcId === sel.vpc)
    && (sel.subnet === undefined || eni.subnetId === sel.subnet)
    && (sel.resource === undefined || eniIds(eni).includes(sel.resource))
    && (tag === undefined || eniIds(eni).some((id) => tagMatches(ctx.tagsOf(id), tag)))
}

/** The selector as written, for titles: `tag tier=db in vpc-0a…`. */
export function describeSelector(sel: PolicySelector | undefined): string {
  if (!sel) return 'any interface'
  return [sel.tag && `tagged ${parseTag(sel.tag).key}${parseTag(sel.tag).value !== undefined ? `=${parseTag(sel.tag).value}` : ''}`,
    sel.resource, sel.vpc && `in ${sel.vpc}`, sel.subnet && `in ${sel.subnet}`].filter(Boolean).join(' ')
}
