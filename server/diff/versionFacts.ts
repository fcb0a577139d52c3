import type { ExposureFact, Resource, ResourceKind, SecurityGroupRule, Snapshot, UnknownVerdict } from '../../shared/index.ts'
import { breadthOfCidrs, parseCidr } from '../../shared/network/index.ts'
import type { ExposureAnalysis } from '../analysis/analyzeExposure.ts'
import { prefixListCidrs } from './diffContext.ts'
import { exposureFactsFromAnalysis } from './exposureFactsFromAnalysis.ts'

/**
 * What a diff needs to know about one version as a whole, computed once per content and stored
 * (see storedVersionFacts): its exposure (from exposure analysis) and the whole-snapshot context
 * that grades changes. With two of these and the resources that changed, a diff reads nothing else
 * of the versions but the few neighbours exposure causes name (diffFromFacts).
 */
export interface VersionFacts {
  /** Exposure per network interface (exposureFactsFromAnalysis), in analysis order. */
  facts: ExposureFact[]
  /** Each fact's path (`direct`, or `<LB ARN>:<listener port>`): with it, analysis order can be rebuilt. */
  vias: string[]
  /** Exposure verdicts the data cannot decide. */
  unknown: UnknownVerdict[]
  /** Interfaces whose exposure is unknown. */
  unknownEnis: string[]
  /** `account/region` where every interface's exposure is unknown. */
  unknownPlaces: string[]
  /** Security groups some resource uses (groupIds / securityGroupIds). */
  attachedGroups: string[]
  /** Groups whose ingress rules together admit the whole internet (prefix lists read). */
  worldOpenGroups: string[]
  /** Subnets whose tier is public. */
  publicSubnets: string[]
  /** Every prefix list's entries as CIDRs (prefixListCidrs). */
  prefixListCidrs: Record<string, string[]>
  /** Kind, and `account/region` for an interface, of every resource a fact names. */
  named: Record<string, { kind: ResourceKind; place?: string }>
  /** For each named security group, the interfaces that carry it. */
  groupEnis: Record<string, string[]>
  /** Target id (instance id or IP) → the target groups that list it, in snapshot order. */
  targetGroupsByTarget: Record<string, string[]>
  /** `account/region` of every interface (what decides the whole-place unknown verdicts, with the warnings). */
  eniPlaces: string[]
}

/** The exposure part of VersionFacts (what exposure analysis decides). */
export type ExposurePart = Pick<VersionFacts, 'facts' | 'vias' | 'unknown' | 'unknownEnis' | 'unknownPlaces'>

/** Bumped whenever VersionFacts or how it is computed changes: stored facts of another format are recomputed. */
export const VERSION_FACTS_FORMAT = 2

/** The exposure part of VersionFacts, from exposure analysis (what diffVersions compared). */
export function exposurePart(a: Pick<ExposureAnalysis, 'exposures' | 'unknown' | 'unknownEnis'>): ExposurePart {
  return {
    facts: exposureFactsFromAnalysis(a.exposures), vias: a.exposures.map((e) => e.via),
    unknown: a.unknown,
    unknownEnis: [...a.unknownEnis].sort(),
    unknownPlaces: [...new Set(a.unknown.filter((u) => u.resourceIds.length === 0).map((u) => `${u.account}/${u.region}`))].sort(),
  }
}

/** A record's own entry (never an inherited `constructor` or `__proto__`). */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined)

/** VersionFacts of one snapshot, given its exposure part. Pure. */
export function versionFacts(snapshot: Snapshot, exposure: ExposurePart): VersionFacts {
  const byId = new Map<string, Resource>()
  const attached = new Set<string>()
  // Maps while building: ids are data, and a plain object would treat `__proto__` or `constructor` specially.
  const prefixLists = new Map<string, string[]>()
  const targetGroupsByTarget = new Map<string, string[]>()
  const enisByGroup = new Map<string, string[]>()
  const publicSubnets: string[] = []
  const eniPlaces = new Set<string>()
  for (const r of snapshot.resources) {
    if (r.kind === 'network-interface') eniPlaces.add(`${r.account}/${r.region}`)
    byId.set(r.id, r)
    const groups = (r.attributes.groupIds ?? r.attributes.securityGroupIds ?? []) as string[]
    for (const g of groups) attached.add(g)
    if (r.kind === 'network-interface') {
      for (const g of groups) {
        const list = enisByGroup.get(g)
        if (list) list.push(r.id)
        else enisByGroup.set(g, [r.id])
      }
    }
    if (r.kind === 'prefix-list') prefixLists.set(r.id, prefixListCidrs(r)!)
    if (r.kind === 'subnet' && r.attributes.tier === 'public') publicSubnets.push(r.id)
    if (r.kind === 'target-group') {
      const seen = new Set<string>()
      for (const t of (r.attributes.targets ?? []) as Array<{ Target?: { Id?: string } }>) {
        const id = t.Target?.Id
        if (!id || seen.has(id)) continue
        seen.add(id)
        targetGroupsByTarget.set(id, [...(targetGroupsByTarget.get(id) ?? []), r.id])
      }
    }
  }
  const cidrsOf = (source: string) => (parseCidr(source) ? [source] : prefixLists.get(source))
  const worldOpenGroups: string[] = []
  for (const r of snapshot.resources) {
    if (r.kind !== 'security-group') continue
    const rules = (r.attributes.rules ?? []) as SecurityGroupRule[]
    const sources = rules.filter((x) => !x.IsEgress).flatMap((x) => cidrsOf(x.CidrIpv4 ?? x.CidrIpv6 ?? x.PrefixListId ?? '') ?? [])
    if (breadthOfCidrs(sources) === 'world') worldOpenGroups.push(r.id)
  }
  const named = new Map<string, VersionFacts['named'][string]>()
  const groupEnis = new Map<string, string[]>()
  for (const f of exposure.facts) {
    const r = byId.get(f.resourceId)
    if (!r || named.has(r.id)) continue
    named.set(r.id, { kind: r.kind, ...(r.kind === 'network-interface' ? { place: `${r.account}/${r.region}` } : {}) })
    if (r.kind === 'security-group') groupEnis.set(r.id, enisByGroup.get(r.id) ?? [])
  }
  return {
    ...exposure, attachedGroups: [...attached].sort(), worldOpenGroups, publicSubnets,
    prefixListCidrs: Object.fromEntries(prefixLists), named: Object.fromEntries(named), groupEnis: Object.fromEntries(groupEnis),
    targetGroupsByTarget: Object.fromEntries(targetGroupsByTarget), eniPlaces: [...eniPlaces].sort(),
  }
}
