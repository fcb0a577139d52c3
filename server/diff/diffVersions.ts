import type { Diff, Snapshot } from '../../shared/index.ts'
import { diffSnapshots } from './diffSnapshots.ts'

/**
 * The diff every edge (CLI, API) uses: two stored versions, with exposure analysis plugged in as
 * the exposure source once it exists (until then, security-group rules).
 */
export function diffVersions(from: { id: string; snapshot: Snapshot }, to: { id: string; snapshot: Snapshot }): Diff {
  return diffSnapshots(from.snapshot, to.snapshot, { fromVersion: from.id, toVersion: to.id })
}
