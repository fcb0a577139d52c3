import { stableHash } from './stableHash.ts'

/**
 * Ids and keyed choices derived from (seed, key). A resource keeps its id in every version of the story
 * because the id depends only on its key, never on how many things were created before it.
 */
export interface IdFactory {
  /** `prefix-0` + 16 hex digits: the shape of current AWS ids (vpc-, subnet-, sg-, eni-, i-, …). */
  id(prefix: string, key: string): string
  /** `length` hex digits (at most 32), for ARN suffixes, MAC addresses, DNS names. */
  hex(key: string, length: number): string
  /** An integer in [0, max). */
  int(key: string, max: number): number
  pick<T>(key: string, items: readonly T[]): T
}

export function idFactory(seed: number): IdFactory {
  const hash = (key: string) => stableHash(`${seed}|${key}`)
  const int = (key: string, max: number) => Math.floor((parseInt(hash(key).slice(0, 8), 16) / 4294967296) * max)
  return {
    id: (prefix, key) => `${prefix}-0${hash(`${prefix}:${key}`).slice(0, 16)}`,
    hex: (key, length) => hash(`hex:${key}`).slice(0, length),
    int,
    pick: (key, items) => items[int(`pick:${key}`, items.length)],
  }
}
