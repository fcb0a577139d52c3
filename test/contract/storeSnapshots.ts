/** Snapshots for the store tests, importable outside vitest (the collector processes use them too). */
import type { SecurityGroup, Snapshot } from '../../shared/index.ts'
import { hashResource, hashResources } from '../../server/snapshot/hashSnapshot.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

export function changedInventory(cidr = '0.0.0.0/0') {
  const inv = smallInventory()
  ;(inv.regions[0].ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1].IpRanges![0].CidrIp = cidr
  return inv
}

/** A distinct snapshot per `n`: the same network with one rule's source changed. */
export function nthSnapshot(n: number): Snapshot {
  return normalize(changedInventory(`10.${Math.floor(n / 250) % 250}.${n % 250}.0/24`))
}

/** The hash of what a snapshot's resources really are, not the hash it carries. */
export function contentHash(snapshot: Snapshot): string {
  return hashResources(snapshot.resources.map(hashResource))
}

