import type { Resource } from '../../shared/index.ts'
import type { RuleSpec } from './RuleSpec.ts'

interface PrefixListEntry { Cidr?: string; Description?: string }

/**
 * A managed prefix list's entries, identified by CIDR. On its own an entry opens nothing: it matters
 * through the security-group rules and routes that use the list, so an added entry is `low` here
 * and the exposure it causes grades it (gradeCausesByExposure).
 */
export const prefixListEntrySpec: RuleSpec<PrefixListEntry> = {
  collection: 'prefix-list-entries',
  rules: (r: Resource) => (r.attributes.entries ?? []) as PrefixListEntry[],
  key: (e) => e.Cidr ?? 'unknown',
  content: (e) => e.Description ?? '',
  summary: (e) => `entry ${e.Cidr ?? 'unknown'}${e.Description ? ` ("${e.Description}")` : ''}`,
  severity: (change) => (change === 'added' ? 'low' : 'info'),
}
