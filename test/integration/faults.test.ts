/**
 * Faults at the store: a read-only store file keeps serving and refuses writes clearly; a damaged
 * SQLite file or an unreachable PostgreSQL stops `serve` at start with one line, exit 2, no stack.
 * Real processes and real files; root passes file permission checks, so read-only here means the
 * file has no write permission bits (server/store/openStoreAt.ts reads that as the owner's intent).
 */
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openStoreAt } from '../../server/store/openStoreAt.ts'
import { openSqliteStore, SQLITE_FILE_NAME } from '../../server/store/sqliteStore.ts'
import { StoreError } from '../../server/store/StoreError.ts'
import { RefreshRunner } from '../../server/watch/RefreshRunner.ts'
import { runCli, startServe } from '../api/securityProcess.ts'
import { changedInventory } from '../contract/storeSnapshots.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

let dir: string
let file: string
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-faults-'))
  file = join(dir, SQLITE_FILE_NAME)
  const store = openSqliteStore(dir)
  await store.put('prod', normalize(smallInventory()), { source: 'demo', at: '2026-11-01T00:00:00.000Z' })
  await store.close()
})
afterEach(() => {
  try { chmodSync(file, 0o644) } catch { /* already gone */ }
  rmSync(dir, { recursive: true, force: true })
})

/** One line on stderr, prefixed `vpclens:`, and nothing that looks like a stack trace. */
function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^vpclens: /)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('read-only store file', () => {
  it('keeps serving reads from a store file nobody may write', async () => {
    chmodSync(file, 0o444)
    const serve = await startServe(['--data-dir', dir])
    try {
      const envs = await fetch(`${serve.url}/api/environments`)
      expect(envs.status).toBe(200)
      expect((await envs.json()).environments.map((e: { name: string }) => e.name)).toEqual(['prod'])
      expect((await fetch(`${serve.url}/api/environments/prod/versions/latest/graph`)).status).toBe(200)
    } finally {
      await serve.stop()
    }
    expect(statSync(file).mode & 0o777).toBe(0o444)
  })

  it('refuses a write with a clear line and exit 2 (vpclens demo into it)', async () => {
    chmodSync(file, 0o444)
    const before = readFileSync(file)
    const r = await runCli(['demo', '--data-dir', dir, '--env', 'other'])
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
    expect(r.stderr).toMatch(/the store is read-only \(its file is not writable\): cannot record a version of other/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('reports a refresh into it as failed, saying the store is read-only, while reads go on', async () => {
    chmodSync(file, 0o444)
    const store = openStoreAt({ dataDir: dir })
    const refresher = new RefreshRunner({ collect: async () => ({ inventory: changedInventory(), defaultEnv: 'prod' }), store, env: 'prod' })
    const app = await buildApp({ store, refresher })
    try {
      expect((await app.inject({ method: 'POST', url: '/api/environments/prod/refresh' })).statusCode).toBe(202)
      await refresher.idle()
      expect((await app.inject({ method: 'GET', url: '/api/environments/prod/refresh' })).json()).toMatchObject({
        state: 'failed', error: 'the store is read-only (its file is not writable): cannot record a version of prod',
      })
      expect((await app.inject({ method: 'GET', url: '/api/environments/prod/versions' })).json().versions).toHaveLength(1)
      const direct = await store.put('prod', normalize(changedInventory()), { source: 'discover', at: '2026-11-02T00:00:00.000Z' }).catch((e: unknown) => e)
      expect(direct).toBeInstanceOf(StoreError)
      expect((direct as StoreError).code).toBe('store_read_only')
    } finally {
      await app.close()
      await store.close()
    }
  })
})

describe('damaged or unreachable store at start', () => {
  it('a file that is not SQLite at all: one line, exit 2', async () => {
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a))
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir])
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
    expect(r.stderr).toContain(`cannot open the store ${file}: file is not a database`)
  })

  it('a SQLite file whose pages were overwritten: one line, exit 2', async () => {
    const size = statSync(file).size
    expect(size).toBeGreaterThan(8192)
    // Keep the header page (so it still opens as SQLite) and scribble over the table pages.
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096)
    closeSync(fd)
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir])
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
    expect(r.stderr).toMatch(/^vpclens: cannot (read|open) the store.*(malformed|not a database)/)
  })

  it('a truncated SQLite file: one line, exit 2', async () => {
    const bytes = readFileSync(file)
    writeFileSync(file, bytes.subarray(0, 100))
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir])
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
  })

  it('an unreachable PostgreSQL: one line, exit 2, the password never shown', async () => {
    const r = await runCli(['serve', '--port', '0', '--store', 'postgres://vpclens:hunter2-secret@127.0.0.1:1/vpclens'])
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
    expect(r.stderr).toMatch(/cannot read the store: cannot connect to the store postgres:\/\/vpclens:\*\*\*@127\.0\.0\.1:1\/vpclens/)
    expect(r.stderr).not.toContain('hunter2')
  })

  it('a store URL that is not PostgreSQL: one line, exit 2', async () => {
    const r = await runCli(['serve', '--port', '0', '--data-dir', dir], { VPCLENS_STORE: 'mysql://db/x' })
    expect(r.code).toBe(2)
    expectOneCleanLine(r.stderr)
    expect(r.stderr).toContain('--store: expected a postgres://… URL, got "mysql://db/x"')
  })
})
