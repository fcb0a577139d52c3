import type { Exposure, Snapshot } from '../../shared/index.ts'
import type { SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import type { EniC } from '../analysis/Model.ts'

/** What policy evaluation reads of one version: its analysis, and every resource's tags by id. */
export interface PolicyContext {
  analysis: SnapshotAnalysis
  tags: Map<string, Record<string, string>>
}

export function policyContext(snapshot: Snapshot, analysis: SnapshotAnalysis): PolicyContext {
  const tags = new Map<string, Record<string, string>>()
  for (const r of snapshot.resources) if (Object.keys(r.tags).length > 0) tags.set(r.id, r.tags)
  return { analysis, tags }
}

/** An interface and what owns it (instance, load balancer…): the ids a selector or acceptance can name. */
export function eniIds(eni: EniC): string[] {
  return eni.owner ? [eni.id, eni.owner] : [eni.id]
}

/** The resources an exposure is about: the interface, its owner, the load balancer in front, VPC and subnet. */
export function exposureIds(e: Exposure): string[] {
  return [e.eni, e.resource, e.lb?.loadBalancerArn, e.vpcId, e.subnetId].filter((x): x is string => !!x)
}
