import type { Inventory, Resource, Snapshot } from '../../shared/index.ts'
import { canonicalize } from './canonicalJson.ts'
import { hashResources, rememberResourceHash } from './hashSnapshot.ts'
import { resourcesFromRegion } from './resourcesFromRegion.ts'

/**
 * Inventory → Snapshot: every resource of every account × region with a stable id, sorted by id,
 * in canonical form (arrays sorted, volatile fields dropped) and hashed.
 * Pure: the same environment, collected in any order, gives the same snapshot and hash.
 */
export function normalize(inventory: Inventory): Snapshot {
  const byId = new Map<string, { resource: Resource; text: string }>()
  for (const region of inventory.regions) {
    for (const r of resourcesFromRegion(region)) {
      let resource = canonicalize(r) as Resource
      let text = JSON.stringify(resource)
      const existing = byId.get(r.id)
      if (existing) {
        // The same id twice: AWS-managed prefix lists appear in every account of a region, identical.
        // Different content under one id (ids reused across partitions) is kept apart by location.
        if (existing.text === text) continue
        resource = canonicalize({ ...r, id: `${r.id}@${r.account}:${r.region}` }) as Resource
        text = JSON.stringify(resource)
      }
      byId.set(resource.id, { resource, text })
    }
  }
  const entries = [...byId.values()].sort((a, b) => (a.resource.id < b.resource.id ? -1 : a.resource.id > b.resource.id ? 1 : 0))
  const hashes = entries.map((e) => rememberResourceHash(e.resource, e.text))
  return {
    schemaVersion: 1,
    hash: hashResources(hashes),
    accounts: [...new Set(inventory.regions.map((r) => r.account))].sort(),
    regions: [...new Set(inventory.regions.map((r) => r.region))].sort(),
    resources: entries.map((e) => e.resource),
    warnings: inventory.warnings,
  }
}
