import type { Inventory, Resource, Snapshot } from '../../shared/index.ts'
import { canonicalJson } from './canonicalJson.ts'
import { hashResource, hashResources } from './hashSnapshot.ts'
import { resourcesFromRegion } from './resourcesFromRegion.ts'

/**
 * Inventory → Snapshot: every resource of every account × region with a stable id, sorted by id,
 * in canonical form (arrays sorted, volatile fields dropped) and hashed.
 * Pure: the same environment, collected in any order, gives the same snapshot and hash.
 */
export function normalize(inventory: Inventory): Snapshot {
  const byId = new Map<string, Resource>()
  for (const region of inventory.regions) {
    for (const r of resourcesFromRegion(region)) {
      const canonical = JSON.parse(canonicalJson(r)) as Resource
      const existing = byId.get(r.id)
      if (!existing) { byId.set(r.id, canonical); continue }
      // The same id twice: AWS-managed prefix lists appear in every account of a region, identical.
      // Different content under one id (ids reused across partitions) is kept apart by location.
      if (canonicalJson(existing) === canonicalJson(canonical)) continue
      const id = `${r.id}@${r.account}:${r.region}`
      byId.set(id, { ...canonical, id })
    }
  }
  const resources = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return {
    schemaVersion: 1,
    hash: hashResources(resources.map(hashResource)),
    accounts: [...new Set(inventory.regions.map((r) => r.account))].sort(),
    regions: [...new Set(inventory.regions.map((r) => r.region))].sort(),
    resources,
    warnings: inventory.warnings,
  }
}
