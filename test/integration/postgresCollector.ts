/**
 * One collector process for postgresConcurrency.test.ts: `node --import tsx postgresCollector.ts URL P N`.
 * Prints `ready` once its store is open, waits for `go` on stdin (so all collectors write at once),
 * then puts N versions to the shared environment and N to its own, alternating, and prints one JSON
 * line per put: { env, hash, version, created }.
 */
import { createInterface } from 'node:readline'
import { openPostgresStore } from '../../server/store/postgresStore.ts'
import { nthSnapshot } from '../contract/storeSnapshots.ts'

const [url, p, n] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])]
const store = openPostgresStore(url)
await store.listEnvironments() // connects and creates the tables (several processes race here too)
process.stdout.write('ready\n')
const lines = createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once('line', () => resolve()))
lines.close() // stdin would keep the process alive after the last put
for (let i = 0; i < n; i++) {
  for (const [env, snapshot] of [['shared', nthSnapshot(1000 + p * n + i)], [`own-${p}`, nthSnapshot(i)]] as const) {
    const r = await store.put(env, snapshot, { source: 'discover', at: new Date().toISOString() })
    process.stdout.write(JSON.stringify({ env, hash: snapshot.hash, version: r.version.id, created: r.created }) + '\n')
  }
}
await store.close()
