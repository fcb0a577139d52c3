import { createHash } from 'node:crypto'
import type { Resource } from '../../shared/index.ts'
import { canonicalJson } from './canonicalJson.ts'

/** Content hash of one resource: what the store addresses it by. Volatile fields do not count. */
export function hashResource(resource: Resource): string {
  return createHash('sha256').update(canonicalJson(resource)).digest('hex')
}

/**
 * Hash of a whole snapshot: the sorted resource hashes. Warnings are not part of it (a run that
 * could not read one region is not a different network), and neither is the collection time.
 */
export function hashResources(resourceHashes: readonly string[]): string {
  const h = createHash('sha256')
  for (const r of [...resourceHashes].sort()) h.update(r).update('\n')
  return h.digest('hex')
}
