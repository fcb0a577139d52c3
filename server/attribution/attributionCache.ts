import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import { Attribution } from '../../shared/index.ts'

const validAttribution = Compile(Attribution)

/**
 * CloudTrail answers for a version pair, kept in the data dir (`attribution/<env>/<from>-<to>-<key>.json`):
 * versions never change, so a settled answer stays true, and LookupEvents is slow (about 2 calls a
 * second). Only settled answers are kept (see isSettled).
 */
export class AttributionCache {
  constructor(private readonly dataDir: string) {}

  private file(env: string, from: string, to: string, hashes: string): string {
    return join(this.dataDir, 'attribution', env, `${from}-${to}-${hashes}.json`)
  }

  get(env: string, from: string, to: string, hashes: string): Attribution | undefined {
    try {
      const value: unknown = JSON.parse(readFileSync(this.file(env, from, to, hashes), 'utf8'))
      return validAttribution.Check(value) ? value : undefined
    } catch {
      return undefined
    }
  }

  set(env: string, from: string, to: string, hashes: string, value: Attribution): void {
    const file = this.file(env, from, to, hashes)
    try {
      mkdirSync(join(this.dataDir, 'attribution', env), { recursive: true })
      writeFileSync(`${file}.tmp`, JSON.stringify(value))
      renameSync(`${file}.tmp`, file)
    } catch { /* a read-only data dir only costs the next run a lookup */ }
  }
}

/**
 * An answer worth keeping: the window is past CloudTrail's delivery delay, and nothing failed in a way
 * the user can fix (a denied call, an unreachable region, a resource beyond the limit).
 */
export function isSettled(a: Attribution, settling: boolean): boolean {
  return !settling && a.resources.every((r) => r.state !== 'not-available' || r.reason?.startsWith('older than'))
}
