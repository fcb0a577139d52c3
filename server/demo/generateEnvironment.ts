import { emptyRegionInventory, type RegionInventory } from '../../shared/index.ts'
import { buildCoreDemo } from './buildCoreDemo.ts'
import { createDemoBuilder, DEMO_ACCOUNT, DEMO_REGION } from './demoBuilder.ts'
import { scaleEnvironment } from './scaleEnvironment.ts'

export interface EnvironmentOptions {
  seed?: number
  /** About this many ENIs (±10%, exact when above the core demo's size); undefined for the small demo. */
  scale?: number
}

export const DEFAULT_SEED = 42

/** The baseline (first version) of the demo account: one region inventory, fully determined by seed and scale. */
export function generateEnvironment(options: EnvironmentOptions = {}): RegionInventory {
  const seed = options.seed ?? DEFAULT_SEED
  const b = createDemoBuilder(seed, emptyRegionInventory(DEMO_ACCOUNT, DEMO_REGION))
  const core = buildCoreDemo(b)
  if (options.scale !== undefined) scaleEnvironment(b, core, options.scale, seed)
  return b.inv
}
