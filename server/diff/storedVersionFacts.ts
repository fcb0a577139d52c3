import { createHash } from 'node:crypto'
import type { CollectionWarning, Snapshot, VersionSummary } from '../../shared/index.ts'
import { analyzeExposure } from '../analysis/analyzeExposure.ts'
import { compileModel } from '../analysis/compileModel.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { StoreError } from '../store/StoreError.ts'
import { exposurePart, VERSION_FACTS_FORMAT, type VersionFacts, versionFacts } from './versionFacts.ts'

/**
 * Where a version's facts are stored: by content hash and warnings (the snapshot hash leaves warnings
 * out, but what was not collected decides which verdicts are unknown) and the facts' format.
 */
export function versionFactsKey(hash: string, warnings: readonly CollectionWarning[]): string {
  const digest = createHash('sha256').update(hash).update('\n').update(JSON.stringify(warnings)).digest('hex')
  return `version-facts:${VERSION_FACTS_FORMAT}:${digest}`
}

/**
 * VersionFacts of a snapshot by full exposure analysis. Security groups no interface or load balancer
 * uses are left out of the compiled model: exposure only reads the groups of interfaces and load
 * balancers (a reference to another group admits no internet address), and a million rules of unused
 * groups would otherwise be compiled for nothing. Pure.
 */
export function analyzeVersionFacts(snapshot: Snapshot): VersionFacts {
  const used = new Set<string>()
  for (const r of snapshot.resources) {
    for (const g of (r.attributes.groupIds ?? r.attributes.securityGroupIds ?? []) as string[]) used.add(g)
    // compileModel reads a load balancer's groups from the raw object.
    if (r.kind === 'load-balancer') for (const g of (r.raw as { SecurityGroups?: string[] }).SecurityGroups ?? []) used.add(g)
  }
  const analysed = { ...snapshot, resources: snapshot.resources.filter((r) => r.kind !== 'security-group' || used.has(r.id)) }
  return versionFacts(snapshot, exposurePart(analyzeExposure(compileModel(analysed))))
}

/** Stores a version's facts; a store that cannot be written (read-only) simply keeps none. */
export async function saveVersionFacts(store: SnapshotStore, version: Pick<VersionSummary, 'hash' | 'warnings'>, facts: VersionFacts): Promise<void> {
  try {
    await store.putDerived(versionFactsKey(version.hash, version.warnings), version.hash, JSON.stringify(facts))
  } catch (e) {
    if (!(e instanceof StoreError && e.code === 'store_read_only')) throw e
  }
}

/** A version's stored facts, or undefined when none were stored (a version recorded by an older vpclens). */
export async function loadVersionFacts(store: SnapshotStore, version: Pick<VersionSummary, 'hash' | 'warnings'>): Promise<VersionFacts | undefined> {
  const text = await store.getDerived(versionFactsKey(version.hash, version.warnings))
  return text === undefined ? undefined : (JSON.parse(text) as VersionFacts)
}

/**
 * A version's facts: stored ones, else computed from the whole version (a full read and analysis,
 * once) and stored for next time.
 */
export async function versionFactsOf(store: SnapshotStore, env: string, version: VersionSummary): Promise<VersionFacts> {
  const stored = await loadVersionFacts(store, version)
  if (stored) return stored
  const snapshot = await store.getSnapshot(env, version.id)
  if (!snapshot) throw new StoreError('store_unreadable', `version ${version.id} of ${env} disappeared while it was read`)
  const facts = analyzeVersionFacts(snapshot)
  await saveVersionFacts(store, version, facts)
  return facts
}
