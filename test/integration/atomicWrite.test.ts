import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { SecurityGroup } from '../../shared/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore, SQLITE_FILE_NAME } from '../../server/store/sqliteStore.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

const CHILD = fileURLToPath(new URL('./atomicWriteChild.ts', import.meta.url))
let dir: string
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Everything a reader can see of the store. */
async function contents(d: string) {
  const store = openSqliteStore(d)
  try {
    const envs = await store.listEnvironments()
    const versions = await store.listVersions('prod')
    const snapshots = await Promise.all(versions.map((v) => store.getSnapshot('prod', v.id)))
    return { envs, versions, snapshots, history: await store.resourceHistory('prod', 'sg-web') }
  } finally { await store.close() }
}

describe('atomic writes', () => {
  it('a writer killed with SIGKILL in the middle of a version leaves the store as it was, and the next write succeeds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vpclens-atomic-'))
    const store = openSqliteStore(dir)
    await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
    const inv = smallInventory()
    ;(inv.regions[0]!.ec2.SecurityGroups[0] as SecurityGroup).IpPermissions![1]!.IpRanges![0]!.CidrIp = '0.0.0.0/0'
    await store.put('prod', normalize(inv), { source: 'demo', at: '2026-11-02T00:00:00.000Z' })
    await store.close()
    const before = await contents(dir)
    const wal = join(dir, `${SQLITE_FILE_NAME}-wal`)
    const walBefore = existsSync(wal) ? statSync(wal).size : 0

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, '20000'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stderr.on('data', (b) => { err += b })
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (b) => { out += b; if (out.includes('started')) resolve() })
      void exited.then(() => reject(new Error(`child ended before writing: ${out} ${err}`)))
    })
    // The transaction is open and half written: uncommitted pages have reached the WAL file.
    const walAtKill = statSync(wal).size
    expect(walAtKill).toBeGreaterThan(walBefore)
    child.kill('SIGKILL')
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(out).not.toContain('finished')

    expect(await contents(dir)).toEqual(before)
    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true })
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
    db.close()

    const again = openSqliteStore(dir)
    const third = await again.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-03T00:00:00.000Z' })
    expect(third).toMatchObject({ created: true, version: { id: '3', parent: '2' } })
    expect(await again.getSnapshot('prod', '3')).toEqual(normalize(smallInventory()))
    await again.close()
  })
})
