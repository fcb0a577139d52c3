import type { Diff, Snapshot } from '../../shared/index.ts'
import { analyzeSnapshot } from '../analysis/analyzeSnapshot.ts'
import { diffVersions } from '../diff/diffVersions.ts'
import { applyPolicyToDiff } from './applyPolicyToDiff.ts'
import type { Policy } from './Policy.ts'

type Version = { id: string; snapshot: Snapshot }

/** The diff every edge uses (diffVersions), seen through a policy when there is one (diff, check, watch). */
export function diffWithPolicy(from: Version, to: Version, policy: Policy | undefined, today: string): Diff {
  const diff = diffVersions(from, to)
  if (!policy) return diff
  return applyPolicyToDiff(diff, policy, { snapshot: from.snapshot, analysis: analyzeSnapshot(from.snapshot) }, { snapshot: to.snapshot, analysis: analyzeSnapshot(to.snapshot) }, today)
}
