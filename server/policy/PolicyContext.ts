import type { Exposure, Snapshot } from '../../shared/index.ts'
import type { SnapshotAnalysis } from '../analysis/analyzeSnapshot.ts'
import type { EniC } from '../analysis/Model.ts'

/** What policy evaluation reads of one version: its analysis, and a resource's tags by id. */
export interface PolicyContext {
  analysis: SnapshotAnalysis
  tagsOf: (id: string) => Record<string, string> | undefined
  /** An interface's subnet and security groups as one key (see noPathScope); kept, as every `no-path` scope asks. */
  classOf: (eni: EniC) => string
}

/** Tags are indexed on first use: a policy without tag matchers never pays for the version's resources. */
export function policyContext(snapshot: Snapshot, analysis: SnapshotAnalysis): PolicyContext {
  let tags: Map<string, Record<string, string>> | undefined
  const classes = new Map<EniC, string>()
  return {
    analysis,
    tagsOf: (id) => (tags ??= tagsById(snapshot)).get(id),
    classOf: (eni) => classes.get(eni) ?? classes.set(eni, `${eni.subnetId}|${[...eni.groupIds].sort().join(',')}`).get(eni)!,
  }
}

function tagsById(snapshot: Snapshot): Map<string, Record<string, string>> {
  const tags = new Map<string, Record<string, string>>()
  for (const r of snapshot.resources) {
    for (const _ in r.tags) { tags.set(r.id, r.tags); break } // has a tag; cheaper than Object.keys on 40,000 resources
  }
  return tags
}

/** An interface and what owns it (instance, load balancer…): the ids a selector or acceptance can name. */
export function eniIds(eni: EniC): string[] {
  return eni.owner ? [eni.id, eni.owner] : [eni.id]
}

/** The resources an exposure is about: the interface, its owner, the load balancer in front, VPC and subnet. */
export function exposureIds(e: Exposure): string[] {
  return [e.eni, e.resource, e.lb?.loadBalancerArn, e.vpcId, e.subnetId].filter((x): x is string => !!x)
}
