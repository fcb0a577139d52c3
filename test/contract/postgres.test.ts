import { afterAll, beforeAll } from 'vitest'
import { openPostgresStore } from '../../server/store/postgresStore.ts'
import { type PrivatePostgres, startPrivatePostgres } from './privatePostgres.ts'
import { pruneContract } from './prune.contract.ts'
import { snapshotStoreContract } from './snapshotStore.contract.ts'
import { versionChangesContract } from './versionChanges.contract.ts'

let cluster: PrivatePostgres
let n = 0
beforeAll(async () => { cluster = await startPrivatePostgres() })
afterAll(async () => { await cluster?.stop() })

snapshotStoreContract({
  name: 'PostgreSQL',
  async create() {
    // A database per case: as fresh as the SQLite harness's new directory.
    const url = await cluster.createDatabase(`contract_${++n}`)
    return { open: () => openPostgresStore(url), dispose: async () => {} }
  },
})

pruneContract({
  name: 'PostgreSQL',
  async create() {
    const url = await cluster.createDatabase(`prune_${++n}`)
    return { open: () => openPostgresStore(url), dispose: async () => {} }
  },
})

versionChangesContract({
  name: 'PostgreSQL',
  async create() {
    const url = await cluster.createDatabase(`changes_${++n}`)
    return { open: () => openPostgresStore(url), dispose: async () => {} }
  },
})
