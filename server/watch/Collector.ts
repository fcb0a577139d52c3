import type { Inventory } from '../../shared/index.ts'

/** One step of a run, as discovery reports it (account × region × service). */
export interface CollectStep { done: number; total: number; message: string }

export interface Collected {
  inventory: Inventory
  /** The environment to store into when none was named: the caller's account (org-<account> with --org-role). */
  defaultEnv: string
}

/**
 * Whatever produces an inventory on demand: real discovery (createDiscoveryCollector) in the CLI, a
 * fake in tests. Watch mode and the refresh route depend only on this.
 */
export type Collector = (onStep?: (step: CollectStep) => void) => Promise<Collected>
