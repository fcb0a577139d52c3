import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { pruneContract } from './prune.contract.ts'

pruneContract({
  name: 'SQLite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'vpclens-prune-'))
    return { open: () => openSqliteStore(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) }
  },
})
