import type { RegionInventory, Tag } from '../../shared/index.ts'
import { addressAllocator, type AddressAllocator } from './addressAllocator.ts'
import { idFactory, type IdFactory } from './idFactory.ts'

export const DEMO_ACCOUNT = '123456789012'
export const DEMO_REGION = 'us-east-1'

/** What every build step needs: the inventory being filled, keyed ids and an address allocator. */
export interface DemoBuilder {
  readonly inv: RegionInventory
  readonly ids: IdFactory
  readonly addresses: AddressAllocator
  readonly account: string
  readonly region: string
}

/** `inv` is filled in place; story steps pass a copy of the previous version (see copyRegion). */
export function createDemoBuilder(seed: number, inv: RegionInventory): DemoBuilder {
  const ids = idFactory(seed)
  return { inv, ids, addresses: addressAllocator(ids, inv), account: inv.account, region: inv.region }
}

/** Tags in the SDK's `[{Key, Value}]` form, skipping undefined values; Name first, as the console shows it. */
export function toTags(tags: Record<string, string | undefined>): Tag[] {
  return Object.entries(tags).flatMap(([Key, Value]) => (Value === undefined ? [] : [{ Key, Value }]))
}

/** The Name tag of anything that has Tags or a TagSet. */
export function nameOf(x: { Tags?: Tag[]; TagSet?: Tag[] }): string | undefined {
  return (x.Tags ?? x.TagSet)?.find((t) => t.Key === 'Name')?.Value
}
