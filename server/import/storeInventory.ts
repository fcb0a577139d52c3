import { type CollectionWarning, coverageOf, type Inventory, type InventorySource } from '../../shared/index.ts'
import { normalizeLocated } from '../snapshot/normalize.ts'
import { callLabel, type Locate } from '../snapshot/checkIntegrity.ts'
import type { SnapshotStore } from '../store/SnapshotStore.ts'
import { terminalText } from '../terminalText.ts'
import { recordVersion } from '../diff/recordVersion.ts'

/** What `discover --json` and `import --json` print. */
export interface StoreSummary {
  env: string
  /** The environment's latest version after the run. */
  version: string
  /** True when this run added that version; false when the snapshot hash was unchanged. */
  created: boolean
  hash: string
  accounts: string[]
  regions: string[]
  counts: Record<string, number>
  warnings: CollectionWarning[]
}

/** The shared end of discover and import: normalize and store (a new version only when the hash changed). */
export async function storeInventory(store: SnapshotStore, inventory: Inventory, env: string, source: InventorySource, locate: Locate = callLabel): Promise<StoreSummary> {
  const snapshot = normalizeLocated(inventory, locate)
  const { version, created } = await recordVersion(store, env, snapshot, { source, at: inventory.collectedAt })
  return {
    env, version: version.id, created, hash: snapshot.hash, accounts: snapshot.accounts, regions: snapshot.regions,
    counts: version.counts, warnings: snapshot.warnings,
  }
}

/** The human report of a stored run, for stderr. Warnings are listed, each naming where it happened. */
export function describeStoreSummary(s: StoreSummary): string {
  const total = Object.values(s.counts).reduce((a, b) => a + b, 0)
  const lines = [s.created
    ? `stored version ${s.version} of ${s.env}: ${total} resources in ${s.accounts.length} account(s), ${s.regions.length} region(s)`
    : `${s.env} is unchanged since version ${s.version}; nothing new stored`]
  if (s.warnings.length > 0) {
    const { notCollected, integrity } = coverageOf(s.warnings)
    if (notCollected.length > 0) {
      lines.push(`${notCollected.length} warning(s): what these calls return is missing from this version; verdicts that depend on them are unknown:`)
      for (const w of notCollected) lines.push(terminalText(`  ${w.account} ${w.region} ${w.service}:${w.operation}: ${w.code}: ${w.message}`))
    }
    if (integrity.length > 0) {
      lines.push(`${integrity.length} integrity warning(s): duplicates were dropped, dangling references make what depends on them unknown:`)
      for (const w of integrity) lines.push(terminalText(`  ${w.code}: ${w.message}`))
    }
  }
  return lines.join('\n') + '\n'
}
