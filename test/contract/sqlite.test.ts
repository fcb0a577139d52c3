import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { snapshotStoreContract } from './snapshotStore.contract.ts'
import { versionChangesContract } from './versionChanges.contract.ts'

const harness = {
  name: 'SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'vpclens-store-'))
    return { open: () => openSqliteStore(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) }
  },
}
snapshotStoreContract(harness)
versionChangesContract(harness)
