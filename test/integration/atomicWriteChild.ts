/**
 * Child process of atomicWrite.test.ts: writes one large version into the store in `argv[2]` and
 * stops dead in the middle of the write transaction, so the parent's SIGKILL lands mid-write every
 * time. The pause is a wrapper around better-sqlite3's statement for span rows (the store's own code
 * runs unchanged): after half the rows it prints "started" and blocks, with the transaction open
 * and uncommitted pages already spilled to the WAL file (the rows are big enough to overflow
 * better-sqlite3's 16 MB page cache).
 */
import { writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Resource, Snapshot } from '../../shared/index.ts'
import { hashResource, hashResources } from '../../server/snapshot/hashSnapshot.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'

const [dir, countText] = process.argv.slice(2)
const count = Number(countText)

const prepare = Database.prototype.prepare
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  const stmt = prepare.call(this, sql) as Database.Statement
  if (!/INSERT INTO spans/.test(sql)) return stmt
  const run = stmt.run.bind(stmt)
  let rows = 0
  return Object.assign(Object.create(stmt), {
    run: (...args: unknown[]) => {
      const result = run(...args)
      if (++rows === Math.floor(count / 2)) {
        writeSync(1, 'started\n')
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000)
      }
      return result
    },
  })
} as typeof prepare

const resources: Resource[] = Array.from({ length: count }, (_, i) => ({
  id: `eni-${String(i).padStart(17, '0')}`,
  kind: 'network-interface',
  account: '123456789012',
  region: 'eu-west-1',
  vpcId: 'vpc-1',
  tags: { Name: `big-${i}`, team: 'crash-test' },
  attributes: { eniKind: 'instance', subnetId: 'subnet-pub', privateIps: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`], groupIds: ['sg-web'] },
  raw: { NetworkInterfaceId: `eni-${i}`, Description: 'x'.repeat(3000) },
}))
const snapshot: Snapshot = {
  schemaVersion: 1, hash: hashResources(resources.map(hashResource)), accounts: ['123456789012'], regions: ['eu-west-1'],
  resources, warnings: [],
}
const store = openSqliteStore(dir!)
await store.put('prod', snapshot, { source: 'import', at: '2026-11-09T00:00:00.000Z' })
writeSync(1, 'finished\n')
