/**
 * A fresh import directory per test, in the AWS CLI layout of the recorded inventory (one account and
 * region), and an empty data directory: for the import tests that break one file and check the
 * problem names it and nothing is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import { ImportError } from '../../server/import/ImportError.ts'
import { readImportDirectory } from '../../server/import/readImportDirectory.ts'
import { writeImportLayout } from '../../server/import/writeImportLayout.ts'
import { recordedInventory } from '../fixtures/aws/recordedInventory.ts'

export const ACCOUNT = '123456789012'
export const REGION = 'eu-west-1'
export const WHERE = `${ACCOUNT}/${REGION}`
export const COLLECTED = { collectedAt: '2026-11-29T13:00:00.000Z' }

export interface ImportDirectory {
  /** The import directory (its account/region folder is `base`). */
  readonly dir: string
  /** An empty data directory for `--data-dir`. */
  readonly data: string
  readonly base: string
  /** The problems readImportDirectory reports; fails the test when it reads the directory without one. */
  problems(): string[]
}

/** Registers beforeEach/afterEach that make and remove the directories; read the fields inside tests. */
export function useImportDirectory(prefix: string): ImportDirectory {
  const current = { dir: '', data: '', base: '' }
  beforeEach(() => {
    current.dir = mkdtempSync(join(tmpdir(), `vpclens-${prefix}-`))
    current.data = mkdtempSync(join(tmpdir(), `vpclens-${prefix}-store-`))
    writeImportLayout(recordedInventory(), current.dir)
    current.base = join(current.dir, ACCOUNT, REGION)
  })
  afterEach(() => {
    for (const d of [current.dir, current.data]) rmSync(d, { recursive: true, force: true })
    vi.restoreAllMocks()
  })
  return {
    get dir() { return current.dir },
    get data() { return current.data },
    get base() { return current.base },
    problems() {
      try { readImportDirectory(current.dir, COLLECTED) } catch (e) { if (e instanceof ImportError) return [...e.problems]; throw e }
      throw new Error('expected an ImportError')
    },
  }
}
