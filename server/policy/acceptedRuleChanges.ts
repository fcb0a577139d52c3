import type { Diff } from '../../shared/index.ts'

/**
 * Rule changes whose only effect on exposure is accepted by the policy: every exposure change they
 * cause is accepted, and they cause at least one. Alerts and `check --against` skip them with the
 * exposure, so that opening an accepted port does not alert twice under another name.
 * Keys are `resourceId|collection|key`.
 */
export function acceptedRuleChanges(diff: Diff): Set<string> {
  const accepted = new Set<string>()
  const not = new Set<string>()
  for (const e of diff.exposure) for (const c of e.causes) (e.accepted ? accepted : not).add(ruleChangeKey(c.resourceId, c.collection, c.key))
  for (const k of not) accepted.delete(k)
  return accepted
}

export const ruleChangeKey = (resourceId: string, collection: string, key: string) => `${resourceId}|${collection}|${key}`
