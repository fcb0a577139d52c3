import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { inject } from 'vitest'

/** The directory test/globalSetup.ts made for this `vitest run`; removed when the run ends. */
export const runDir = (): string => inject('vpclensRunDir')

/**
 * A directory in this run's shared directory, made once by `make` for every test file of the run
 * (files run in parallel workers, so the first one makes it while the others wait, with a directory
 * as the lock) and reused by all. For set-ups that are expensive and that tests only read or copy.
 */
export async function sharedOnce(name: string, make: (dir: string) => void | Promise<void>): Promise<string> {
  const dir = join(runDir(), name)
  const done = join(dir, '.done')
  const lock = `${dir}.lock`
  if (existsSync(done)) return dir
  try {
    mkdirSync(lock)
  } catch {
    for (let i = 0; i < 600 && !existsSync(done); i++) {
      if (!existsSync(lock)) throw new Error(`${name}: the test file making it failed (see its error)`)
      await new Promise((r) => setTimeout(r, 200))
    }
    if (!existsSync(done)) throw new Error(`${name}: timed out waiting for another test file to make it`)
    return dir
  }
  try {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir)
    await make(dir)
    writeFileSync(done, '')
    return dir
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}
