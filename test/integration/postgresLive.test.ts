/**
 * Team mode and live updates: a `serve` process on a PostgreSQL store learns of a version that another
 * process (`vpclens import --store …`, as a collector) recorded, through `GET …/latest` polled with
 * its ETag, and resolves times against the versions in PostgreSQL. A private cluster, real processes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LatestVersion, VersionSummary } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { writeImportLayout } from '../../server/import/writeImportLayout.ts'
import { type RunningServe, runCli, startServe } from '../api/securityProcess.ts'
import { type PrivatePostgres, startPrivatePostgres } from '../contract/privatePostgres.ts'

let cluster: PrivatePostgres
let url: string
let work: string
let dumps: string[]
let server: RunningServe

const importDump = async (i: number) => {
  const r = await runCli(['import', dumps[i]!, '--env', 'live', '--store', url, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { version: string; created: boolean }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vpclens-pglive-'))
  dumps = generateDemoVersions({}).slice(0, 2).map((inv, i) => {
    const dir = join(work, `dump-${i + 1}`)
    writeImportLayout(inv, dir)
    return dir
  })
  cluster = await startPrivatePostgres()
  url = await cluster.createDatabase('live')
})
afterAll(async () => {
  await server?.stop()
  await cluster?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('live updates on the PostgreSQL store', () => {
  it('a version another process records is served on the next poll; times resolve against PostgreSQL', async () => {
    expect(await importDump(0)).toMatchObject({ version: '1', created: true })
    server = await startServe([], { VPCLENS_STORE: url })
    const latest = `${server.url}/api/environments/live/latest`
    const first = await fetch(latest)
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({ env: 'live', id: '1', parent: null, changes: null })
    const etag = first.headers.get('etag')!
    expect((await fetch(latest, { headers: { 'if-none-match': etag } })).status).toBe(304)

    expect(await importDump(1)).toMatchObject({ version: '2', created: true })
    const next = await fetch(latest, { headers: { 'if-none-match': etag } })
    expect(next.status).toBe(200)
    expect(next.headers.get('etag')).not.toBe(etag)
    const body = (await next.json()) as LatestVersion
    expect(body).toMatchObject({ id: '2', parent: '1', source: 'import' })
    expect(body.changes?.summary.highestSeverity).toBe('critical')
    expect(body.changes?.changes.critical).toBe(1)

    const versions = ((await (await fetch(`${server.url}/api/environments/live/versions`)).json()) as { versions: VersionSummary[] }).versions
    const between = new Date((Date.parse(versions[0]!.createdAt) + Date.parse(versions[1]!.createdAt)) / 2).toISOString()
    const old = await fetch(`${server.url}/api/environments/live/versions/${between}/findings`)
    expect(old.status).toBe(200)
    expect(old.headers.get('x-vpclens-version')).toBe('1')
    expect(((await old.json()) as { version: string }).version).toBe('1')
    const before = await fetch(`${server.url}/api/environments/live/versions/2020-01-01T00:00Z/graph`)
    expect(before.status).toBe(404)
    expect(((await before.json()) as { message: string }).message).toMatch(/^params\.version: .* is before the first stored version \(version 1, recorded /)
  }, 240_000)
})
