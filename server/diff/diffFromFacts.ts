import { coverageOf, type Diff, type ExposureFact, type Resource, type CollectionWarning } from '../../shared/index.ts'
import { parseCidr } from '../../shared/network/index.ts'
import type { DiffContext } from './diffContext.ts'
import { diffInContext } from './diffSnapshots.ts'
import { own, type VersionFacts } from './versionFacts.ts'

/** One side of a stored diff: the version's id, content hash and warnings, and its stored facts. */
export interface FactsSide {
  id: string
  hash: string
  warnings: CollectionWarning[]
  facts: VersionFacts
}

/** A resource whose content differs between the two versions (absent on a side where it does not exist). */
export interface ChangedResource {
  id: string
  before?: Resource
  after?: Resource
}

/**
 * Resources the diff looks up that did not change: each has the same content in both versions, so
 * the lookup reads one of them. Ids it does not hold are left out.
 */
export type LookupUnchanged = (ids: readonly string[]) => Promise<Resource[]>

const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)

/**
 * The diff diffVersions gives, from what changed instead of from two whole snapshots: the changed
 * resources (from the store's spans), both versions' stored facts (exposure and the context that
 * grades changes) and, for the interfaces whose exposure differs, the neighbours exposure causes
 * name (their groups, subnet, target groups and load balancers), read through `lookup`. Its cost
 * follows the change and the exposure, not the environment. Pure given a pure lookup.
 */
export async function diffFromFacts(from: FactsSide, to: FactsSide, changed: readonly ChangedResource[], lookup: LookupUnchanged): Promise<Diff> {
  const a = from.facts
  const b = to.facts
  const changedById = new Map(changed.map((c) => [c.id, c]))

  // Which facts count: those of interfaces neither version leaves undecided (as diffVersions).
  const places = new Set([...a.unknownPlaces, ...b.unknownPlaces])
  const unknownEnis = new Set([...a.unknownEnis, ...b.unknownEnis])
  const placeOf = (id: string): string => {
    const c = changedById.get(id)
    if (c) {
      const r = c.after?.kind === 'network-interface' ? c.after : c.before?.kind === 'network-interface' ? c.before : undefined
      return r ? `${r.account}/${r.region}` : ''
    }
    return own(b.named, id)?.place ?? own(a.named, id)?.place ?? ''
  }
  const decided = (f: ExposureFact) => !unknownEnis.has(f.resourceId) && (places.size === 0 || !places.has(placeOf(f.resourceId)))
  const before = a.facts.filter(decided)
  const after = b.facts.filter(decided)

  // Interfaces whose exposure may have changed: their facts differ. Only these get exposure changes,
  // so only their neighbourhoods are read.
  const factText = (facts: readonly ExposureFact[]) => {
    const m = new Map<string, string[]>()
    for (const f of facts) {
      const list = m.get(f.resourceId)
      if (list) list.push(JSON.stringify(f))
      else m.set(f.resourceId, [JSON.stringify(f)])
    }
    return m
  }
  const ta = factText(before)
  const tb = factText(after)
  const moved = [...new Set([...ta.keys(), ...tb.keys()])].filter((id) => (ta.get(id) ?? []).join('\n') !== (tb.get(id) ?? []).join('\n'))

  const movedSet = new Set(moved)
  const sides = await neighbourhood(moved, changedById, a, b, lookup)
  const ctx = contextOf(sides, a, b)
  const diff = diffInContext(ctx, changed.map((c) => c.id), {
    from: { hash: from.hash, version: from.id },
    to: { hash: to.hash, version: to.id },
    exposureBasis: 'analysis',
    // The store lists a resource only when its content hashes differ: no need to compare them again.
    candidatesDiffer: true,
    // Interfaces whose facts are the same in both versions give no exposure change: left out.
    exposure: () => ({ before: before.filter((f) => movedSet.has(f.resourceId)), after: after.filter((f) => movedSet.has(f.resourceId)) }),
  })
  return {
    ...diff,
    coverage: { from: coverageOf(from.warnings), to: coverageOf(to.warnings) },
    unknownExposure: { from: a.unknown, to: b.unknown },
  }
}

interface Sides { before: Map<string, Resource>; after: Map<string, Resource> }

/**
 * The changed resources, plus what exposureCauses reads for each interface in `moved`: the interface,
 * its groups, its subnet, the target groups that list it (by instance id or address) and their load
 * balancers, in both versions. Looked up in rounds (each round's ids come from the bodies of the last).
 */
async function neighbourhood(moved: readonly string[], changed: ReadonlyMap<string, ChangedResource>, a: VersionFacts, b: VersionFacts, lookup: LookupUnchanged): Promise<Sides> {
  const unchanged = new Map<string, Resource | null>()
  const fetch = async (ids: Iterable<string>) => {
    const wanted = [...new Set(ids)].filter((id) => !changed.has(id) && !unchanged.has(id))
    if (wanted.length === 0) return
    for (const id of wanted) unchanged.set(id, null)
    for (const r of await lookup(wanted)) unchanged.set(r.id, r)
  }
  const both = (id: string): Resource[] => {
    const c = changed.get(id)
    if (c) return [c.before, c.after].filter((r): r is Resource => !!r)
    const r = unchanged.get(id)
    return r ? [r] : []
  }
  const either = (id: string): Resource | undefined => {
    const c = changed.get(id)
    return c ? c.after ?? c.before : unchanged.get(id) ?? undefined
  }

  await fetch(moved)
  const round2: string[] = []
  const targetGroups: string[] = []
  for (const id of moved) {
    for (const r of both(id)) round2.push(...((r.attributes.groupIds ?? []) as string[]))
    const eni = either(id)
    if (!eni || eni.kind === 'security-group') continue
    const subnetId = eni.attributes.subnetId as string | undefined
    if (subnetId) round2.push(subnetId)
    // Both versions' indexes: a target group may list the interface in one version only.
    const targetIds = [eni.attributes.owner as string | null, ...((eni.attributes.privateIps ?? []) as string[])].filter((x): x is string => !!x)
    for (const t of targetIds) for (const facts of [a, b]) targetGroups.push(...(own(facts.targetGroupsByTarget, t) ?? []))
  }
  await fetch([...round2, ...targetGroups])
  const lbs: string[] = []
  for (const tg of new Set(targetGroups)) for (const r of both(tg)) lbs.push(...((r.attributes.loadBalancerArns ?? []) as string[]))
  await fetch(lbs)

  // Maps in id order, as a snapshot lists its resources (exposureCauses walks target groups in map order).
  const sides: Sides = { before: new Map(), after: new Map() }
  const ids = [...new Set([...changed.keys(), ...unchanged.keys()])].sort(byCodeUnit)
  for (const id of ids) {
    const c = changed.get(id)
    const r = unchanged.get(id)
    if (c?.before) sides.before.set(id, c.before)
    else if (r) sides.before.set(id, r)
    if (c?.after) sides.after.set(id, c.after)
    else if (r) sides.after.set(id, r)
  }
  return sides
}

/** The diff context of diffContext, from the stored facts instead of walking both snapshots. */
function contextOf(sides: Sides, a: VersionFacts, b: VersionFacts): DiffContext {
  const groupEnis = (facts: VersionFacts) => new Map(Object.entries(facts.groupEnis))
  return {
    before: sides.before,
    after: sides.after,
    attachedGroups: new Set([...a.attachedGroups, ...b.attachedGroups]),
    worldOpenGroupsAfter: new Set(b.worldOpenGroups),
    publicSubnetsAfter: new Set(b.publicSubnets),
    enisByGroup: { before: groupEnis(a), after: groupEnis(b) },
    cidrsOf: (source, side) => (parseCidr(source) ? [source] : own((side === 'before' ? a : b).prefixListCidrs, source)),
  }
}
