import type { Resource, RuleChange } from '../../shared/index.ts'
import type { DiffContext } from './diffContext.ts'
import type { RuleSpec } from './RuleSpec.ts'

/**
 * One rule collection of two versions of a resource, compared as sets keyed by the rule's identity:
 * reordering changes nothing; the same key with other content is `modified`.
 */
export function diffRuleSet(spec: RuleSpec, before: Resource | undefined, after: Resource | undefined, ctx: DiffContext): RuleChange[] {
  const a = new Map(before ? spec.rules(before).map((r) => [spec.key(r), r]) : [])
  const b = new Map(after ? spec.rules(after).map((r) => [spec.key(r), r]) : [])
  const out: RuleChange[] = []
  const base = { collection: spec.collection }
  for (const [key, r] of a) {
    const next = b.get(key)
    if (next === undefined) {
      out.push({ ...base, key, change: 'removed', before: r, severity: spec.severity('removed', r, undefined, ctx), summary: `- ${spec.summary(r)}` })
    } else if (spec.content(r) !== spec.content(next)) {
      out.push({
        ...base, key, change: 'modified', before: r, after: next, severity: spec.severity('modified', r, next, ctx),
        summary: `~ ${spec.summary(r)} ⇒ ${spec.summary(next)}`,
      })
    }
  }
  for (const [key, r] of b) {
    if (!a.has(key)) out.push({ ...base, key, change: 'added', after: r, severity: spec.severity('added', undefined, r, ctx), summary: `+ ${spec.summary(r)}` })
  }
  return out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
}
