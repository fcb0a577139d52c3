import type { Resource, ResourceHistory } from '../../shared/index.ts'
import { parseCidr } from '../../shared/network/index.ts'
import type { DiffContext } from './diffContext.ts'
import { diffResource } from './diffResource.ts'

interface Revision { fromVersion: string; untilVersion: string | null; hash: string; resource: Resource }

/**
 * A resource's stored revisions with what changed at each one (against the revision before it,
 * across a gap if it was absent for a while). Without the rest of each version at hand, a security
 * group is graded as if it were in use.
 */
export function resourceHistoryView(env: string, resourceId: string, revisions: readonly Revision[]): ResourceHistory {
  const ctx: DiffContext = {
    before: new Map(), after: new Map(), attachedGroups: new Set([resourceId]), worldOpenGroupsAfter: new Set(),
    publicSubnetsAfter: new Set(), enisByGroup: { before: new Map(), after: new Map() },
    // Prefix lists are not at hand either: their addresses are unknown (graded at least low).
    cidrsOf: (source) => (parseCidr(source) ? [source] : undefined),
  }
  return {
    env, resourceId,
    revisions: revisions.map((r, i) => ({
      ...r,
      changes: i === 0 ? null : diffResource(revisions[i - 1]!.resource, r.resource, ctx).resource,
    })),
  }
}
