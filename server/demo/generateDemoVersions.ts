import type { Inventory } from '../../shared/index.ts'
import { copyRegion } from './copyRegion.ts'
import { createDemoBuilder } from './demoBuilder.ts'
import { demoStory } from './demoStory.ts'
import { DEFAULT_SEED, generateEnvironment } from './generateEnvironment.ts'

export interface DemoVersionsOptions {
  seed?: number
  /** About this many ENIs; undefined for the small demo new users see. */
  scale?: number
  /** When the last version was collected; the earlier ones are a day apart before it. */
  now?: Date
}

/** A fixed default, so that a call without `now` is as reproducible as the rest. */
export const DEFAULT_NOW = new Date('2025-06-02T09:00:00.000Z')
const DAY_MS = 86_400_000

/**
 * The versions of the demo story, oldest first: the baseline, then one version per demoStory step.
 * Same seed and scale give byte-identical JSON (collectedAt aside, which follows `now`). Versions share
 * unchanged objects (see copyRegion): treat them as immutable.
 */
export function generateDemoVersions(options: DemoVersionsOptions = {}): Inventory[] {
  const seed = options.seed ?? DEFAULT_SEED
  const now = (options.now ?? DEFAULT_NOW).getTime()
  const regions = [generateEnvironment({ seed, scale: options.scale })]
  for (const step of demoStory) {
    const next = copyRegion(regions[regions.length - 1])
    step.apply(createDemoBuilder(seed, next))
    regions.push(next)
  }
  return regions.map((region, i) => ({
    schemaVersion: 1,
    source: 'demo',
    collectedAt: new Date(now - (regions.length - 1 - i) * DAY_MS).toISOString(),
    regions: [region],
    warnings: [],
  }))
}
