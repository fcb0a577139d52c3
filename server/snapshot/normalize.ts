import type { Inventory, Resource, Snapshot } from '../../shared/index.ts'
import { canonicalize } from './canonicalJson.ts'
import { callLabel, checkIntegrity, type Locate } from './checkIntegrity.ts'
import { hashResources, rememberResourceHash } from './hashSnapshot.ts'
import { resourcesFromRegion } from './resourcesFromRegion.ts'

/**
 * Inventory → Snapshot: every resource of every account × region with a stable id, sorted by id,
 * in canonical form (arrays sorted, volatile fields dropped) and hashed.
 * Pure: the same environment, collected in any order, gives the same snapshot and hash.
 * Integrity problems (duplicates, dangling references) become warnings; `locate` names where the
 * data came from in them (an import file; by default the call).
 */
export function normalize(collected: Inventory): Snapshot {
  return normalizeLocated(collected, callLabel)
}

/** normalize, with integrity warnings naming where the data came from (`locate`: an import file). */
export function normalizeLocated(collected: Inventory, locate: Locate): Snapshot {
  const { inventory, warnings: integrity } = checkIntegrity(collected, locate)
  const byId = new Map<string, { resource: Resource; text: string }>()
  for (const region of inventory.regions) {
    for (const r of resourcesFromRegion(region)) {
      const resource = canonicalize(r) as Resource
      const text = JSON.stringify(resource)
      const existing = byId.get(r.id)
      // The same id in two accounts of one region: AWS-managed prefix lists, subnets and VPCs shared
      // through RAM. One resource, seen by each account: keep the owner's copy (else the first), never
      // a second resource under a made-up id, which would split the VPC → gateway relationships.
      if (existing && (existing.text === text || !ownedBy(r.raw, r.account) || ownedBy(existing.resource.raw, existing.resource.account))) continue
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
    warnings: [...inventory.warnings, ...integrity],
  }
}

function ownedBy(raw: unknown, account: string): boolean {
  return (raw as { OwnerId?: unknown } | null)?.OwnerId === account
}
