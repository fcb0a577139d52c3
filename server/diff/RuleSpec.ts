import type { ChangeType, Resource, RuleCollection, Severity } from '../../shared/index.ts'
import type { DiffContext } from './diffContext.ts'

/**
 * How one rule collection of a resource kind is read and compared: where the rules are, what
 * identifies a rule (so reordering is not a change), what makes it modified, how it reads, and how
 * much a change to it matters for security.
 */
export interface RuleSpec<R = any> {
  collection: RuleCollection
  rules(resource: Resource): R[]
  key(rule: R): string
  /** Everything beyond the key that a change of makes the rule `modified`. */
  content(rule: R): string
  summary(rule: R): string
  /** Graded on the rule alone (what it admits, prefix lists read from the versions); exposure it causes may raise it. */
  severity(change: ChangeType, before: R | undefined, after: R | undefined, ctx: DiffContext): Severity
}
