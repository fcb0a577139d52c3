/**
 * Versions by time through the real `vpclens` binary: --version, diff, check --against and history
 * --since/--until with ISO and relative times, and the errors (before the first version, in the
 * future, malformed) as exit 2 with the flag named. The store is SQLite with versions recorded at
 * known times before now.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'

const BIN = fileURLToPath(new URL('../../bin/vpclens.mjs', import.meta.url))
const HOUR = 3_600_000
let dir: string
let bastionSg: string
let times: string[]

function vpclens(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir, '--env', 'demo'], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
/** An ISO time to the minute, as a person types it (rounded down). */
const typed = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 16) + 'Z'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-timecli-'))
  const store = openSqliteStore(dir)
  // The demo's first three versions, 5 h, 3 h and 1 h ago: version 2 opens ssh to the world.
  const now = Date.now()
  times = [now - 5 * HOUR, now - 3 * HOUR, now - 1 * HOUR].map((t) => new Date(t).toISOString())
  const inventories = generateDemoVersions({}).slice(0, 3)
  for (const [i, inv] of inventories.entries()) await store.put('demo', normalize(inv), { source: 'demo', at: times[i]! })
  bastionSg = normalize(inventories[0]!).resources.find((r) => r.name === 'prod-bastion-sg')!.id
  await store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('versions by time on the command line', { timeout: 180_000 }, () => {
  it('--version takes a relative or ISO time, and says which version it chose', () => {
    const rel = vpclens('findings', '--version', '2h ago', '--json')
    expect(rel.code, rel.stderr).toBe(0)
    expect(JSON.parse(rel.stdout).version).toBe('2')
    expect(rel.stderr).toMatch(new RegExp(`^--version 2h ago \\(\\S+Z\\): version 2 of demo, recorded ${times[1]!.replace(/\./g, '\\.')}\n`))
    const iso = vpclens('exposure', '--version', typed(Date.parse(times[0]!) + HOUR), '--json')
    expect(iso.code, iso.stderr).toBe(0)
    expect(JSON.parse(iso.stdout).version).toBe('1')
  })

  it('diff and check --against compare the versions current at two times', () => {
    const d = vpclens('diff', typed(Date.parse(times[0]!) + 60_000), '30m ago', '--json')
    expect(d.code, d.stderr).toBe(0)
    const diff = JSON.parse(d.stdout)
    expect([diff.from.version, diff.to.version]).toEqual(['1', '3'])
    expect(diff.summary.highestSeverity).toBe('critical')
    expect(d.stderr).toContain('version 1 of demo')
    // Half an hour ago is after the latest version's last check (an hour ago): said so.
    expect(d.stderr).toMatch(/TO 30m ago \(\S+\): version 3 of demo, recorded \S+; it was last checked \S+, and a change after that would not be recorded yet/)
    const check = vpclens('check', '--against', '4h ago', '--fail-on', 'critical')
    expect(check.code).toBe(1)
    expect(check.stderr).toContain('check failed')
    expect(vpclens('check', '--against', '2h ago', '--fail-on', 'critical').code).toBe(0)
  })

  it('history --since/--until keeps the contents the resource had in that window', () => {
    const all = JSON.parse(vpclens('history', bastionSg, '--json').stdout)
    expect(all.revisions.map((r: { fromVersion: string }) => r.fromVersion)).toEqual(['1', '2'])
    const since = vpclens('history', bastionSg, '--since', '2h ago', '--json')
    expect(since.code, since.stderr).toBe(0)
    const h = JSON.parse(since.stdout)
    expect(h.revisions.map((r: { fromVersion: string; untilVersion: string | null }) => [r.fromVersion, r.untilVersion])).toEqual([['2', null]])
    // The change is still the one against the revision before the window.
    expect(h.revisions[0].changes.rules.map((c: { key: string }) => c.key)).toEqual(['tcp/22/0.0.0.0/0'])
    const until = JSON.parse(vpclens('history', bastionSg, '--until', '4h ago', '--json').stdout)
    expect(until.revisions.map((r: { fromVersion: string }) => r.fromVersion)).toEqual(['1'])
    expect(vpclens('history', bastionSg, '--since', '3', '--until', '1')).toMatchObject({ code: 2, stderr: 'vpclens: --since: version 3 is after --until (version 1)\n' })
  })

  it('refuses a time before the first version, in the future or malformed: exit 2, the flag named, nothing printed on stdout', () => {
    const before = vpclens('findings', '--version', '2020-01-01T00:00Z')
    expect(before).toMatchObject({ code: 2, stdout: '' })
    expect(before.stderr).toBe(`vpclens: --version: 2020-01-01T00:00:00.000Z ("2020-01-01T00:00Z") is before the first stored version (version 1, recorded ${times[0]})\n`)
    const future = vpclens('diff', '1', typed(Date.now() + 48 * HOUR))
    expect(future).toMatchObject({ code: 2, stdout: '' })
    expect(future.stderr).toMatch(/^vpclens: TO: \S+ \("\S+"\) is in the future \(now is \S+\): no version is known to be current then\n$/)
    const bad = vpclens('history', bastionSg, '--since', '2026-11-28T02:10')
    expect(bad).toMatchObject({ code: 2, stdout: '' })
    expect(bad.stderr).toBe('vpclens: --since: "2026-11-28T02:10" has no time zone: add Z for UTC or an offset such as +01:00 (vpclens does not guess the local zone)\n')
  })
})
