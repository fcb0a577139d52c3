import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openPostgresStore } from './postgresStore.ts'
import { redactUrl } from './redactUrl.ts'
import type { SnapshotStore } from './SnapshotStore.ts'
import { SQLITE_FILE_NAME, openSqliteStore } from './sqliteStore.ts'
import { StoreError } from './StoreError.ts'

export interface StoreLocation {
  /** `postgres://…` (or `postgresql://…`): the team store. Absent: SQLite in `dataDir`. */
  url?: string
  dataDir: string
}

/**
 * The store a command works on. A SQLite file that is not writable (no write permission bits, or a
 * read-only file system) is opened read-only, so a server can serve a copy it must not change; only
 * writes then fail, with a StoreError that says so.
 */
export function openStoreAt(location: StoreLocation): SnapshotStore {
  if (location.url !== undefined && location.url !== '') {
    if (!/^postgres(ql)?:\/\//i.test(location.url)) {
      throw new StoreError('store_url_invalid', `--store: expected a postgres://… URL, got "${redactUrl(location.url)}"`)
    }
    return openPostgresStore(location.url)
  }
  const file = join(location.dataDir, SQLITE_FILE_NAME)
  return openSqliteStore(location.dataDir, { readonly: existsSync(file) && !isWritable(file) })
}

/**
 * Root passes every permission check, so the permission bits are read as the owner's intent: a file
 * nobody may write is treated as read-only even for root. access() still catches read-only mounts.
 */
function isWritable(file: string): boolean {
  if ((statSync(file).mode & 0o222) === 0) return false
  try {
    accessSync(file, constants.W_OK)
    return true
  } catch {
    return false
  }
}
