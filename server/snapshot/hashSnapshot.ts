import { createHash } from 'node:crypto'
import type { Resource } from '../../shared/index.ts'
import { canonicalJson } from './canonicalJson.ts'

/** Hashes computed by normalize, so the store does not canonicalize the same object again. */
const knownHashes = new WeakMap<Resource, string>()

/** Content hash of one resource: what the store addresses it by. Volatile fields do not count. */
export function hashResource(resource: Resource): string {
  const known = knownHashes.get(resource)
  if (known) return known
  const hash = sha256(canonicalJson(resource))
  knownHashes.set(resource, hash)
  return hash
}

/** Canonical texts computed by normalize, until the store takes them for the resource's body. */
const knownTexts = new WeakMap<Resource, string>()

/** For normalize: the hash of a resource already in canonical form, from its canonical text. */
export function rememberResourceHash(resource: Resource, canonicalText: string): string {
  const hash = sha256(canonicalText)
  knownHashes.set(resource, hash)
  knownTexts.set(resource, canonicalText)
  return hash
}

/**
 * For the store: normalize's canonical text of the resource (its body as stored: the resource is that
 * text parsed, so JSON.stringify would build the same string again), or undefined when normalize did
 * not make it. Forgotten once taken, so a snapshot kept in memory (watch) does not keep its text too.
 */
export function takeCanonicalText(resource: Resource): string | undefined {
  const known = knownTexts.get(resource)
  knownTexts.delete(resource)
  return known
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

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
