import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Diff, ResourceHistory } from '../../../shared/index.ts'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../../server/store/sqliteStore.ts'

const BIN = fileURLToPath(new URL('../../../bin/vpclens.mjs', import.meta.url))
let dir: string
let bastionSg: string
let bastionEni: string

/** The real `vpclens` binary, as CI runs it. */
function vpclens(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-diffcli-'))
  const store = openSqliteStore(dir)
  const inventories = generateDemoVersions({})
  for (const inv of inventories) await store.put('demo', normalize(inv), { source: 'demo', at: inv.collectedAt })
  // An environment holding only the story's first version: nothing in it is critical.
  await store.put('base', normalize(inventories[0]!), { source: 'demo', at: '2020-01-01T00:00:00.000Z' })
  const first = normalize(inventories[0]!)
  bastionSg = first.resources.find((r) => r.name === 'prod-bastion-sg')!.id
  bastionEni = first.resources.find((r) => r.kind === 'network-interface' && (r.attributes.groupIds as string[]).includes(bastionSg))!.id
  await store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Each case spawns the real binary several times; on a loaded 2-core machine that takes a while.
describe('vpclens check', { timeout: 180_000 }, () => {
  it('exits 1 when a change since --against reaches the severity, naming it', () => {
    const r = vpclens('check', '--env', 'demo', '--against', '1', '--fail-on', 'critical')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`critical: ${bastionEni} widened: tcp 22 now from 0.0.0.0/0 (the internet) except 45.155.205.0/24`)
    expect(r.stderr).toMatch(/vpclens: check failed: \d+ finding\(s\) in the changes from version 1 to 5 of demo reach critical/)
  })
  it('exits 0 when no change reaches it', () => {
    const r = vpclens('check', '--env', 'demo', '--against', '4', '--fail-on', 'low')
    expect(r.stderr).toContain('check passed')
    expect(r.code).toBe(0)
  })
  it('without --against, checks the findings of the latest version', () => {
    const demo = vpclens('check', '--env', 'demo', '--fail-on', 'critical')
    expect(demo.code).toBe(1)
    expect(demo.stderr).toContain(`critical: ADMIN_PORT_EXPOSED: Administration port reachable from the internet (${bastionEni}`)
    // The story's first version has findings, but none above medium.
    expect(vpclens('check', '--env', 'base', '--fail-on', 'high').code).toBe(0)
    const json = vpclens('check', '--env', 'base', '--fail-on', 'medium', '--json')
    expect(json.code).toBe(1)
    const out = JSON.parse(json.stdout)
    expect(out).toMatchObject({ subject: 'findings of version 1 of base', failOn: 'medium', passed: false })
    expect(out.failing.length).toBeGreaterThan(0)
    expect(out.failing.every((f: { severity: string }) => f.severity === 'medium')).toBe(true)
  })
  it('exits 2 on bad input, with one line naming the problem', () => {
    const bad = vpclens('check', '--env', 'demo', '--fail-on', 'severe')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toBe('vpclens: --fail-on: expected one of critical, high, medium, low, info, got "severe"\n')
    expect(vpclens('check', '--env', 'demo').code).toBe(2)
    const unknown = vpclens('check', '--env', 'demo', '--against', '99', '--fail-on', 'high')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--against: environment demo has no version 99 (it has 1, 2, 3, 4, 5)')
    expect(vpclens('check', '--env', 'nope', '--fail-on', 'high').code).toBe(2)
  })
})

describe('vpclens diff', { timeout: 180_000 }, () => {
  it('prints Markdown for a pull-request comment, the world-open port first', () => {
    const r = vpclens('diff', '1', 'latest', '--env', 'demo', '--markdown')
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('### vpclens: demo version 1 → 5')
    expect(lines[2]).toMatch(/^Highest severity: \*\*critical\*\* · 4 exposure change\(s\) · \d+ added · \d+ removed · \d+ modified/)
    const exposure = lines.indexOf('#### Exposure changes')
    expect(lines[exposure + 2]).toBe('| Severity | Change | Resource | Ports | Sources | Caused by |')
    expect(lines[exposure + 4]).toMatch(new RegExp(`^\\| \\*\\*critical\\*\\* \\| widened \\| \`${bastionEni}\` \\| tcp 22 \\| 0\\.0\\.0\\.0/0 \\(the internet\\) except 45\\.155\\.205\\.0/24 \\| ` +
      '\\+ ingress tcp 22 from 0\\.0\\.0\\.0/0 \\("temporary: vendor support session"\\) \\|$'))
    expect(r.stdout).toContain('\\~ ingress rule 110 allow tcp 80 from 0.0.0.0/0 ⇒ ingress rule 110 deny tcp 80 from 0.0.0.0/0')
  })
  it('prints the diff as JSON matching the shared schema, and a table by default', () => {
    const json = vpclens('diff', '1', '2', '--env', 'demo', '--json')
    expect(json.code).toBe(0)
    const diff = JSON.parse(json.stdout)
    expect(Compile(Diff).Check(diff)).toBe(true)
    expect(diff).toMatchObject({ from: { version: '1' }, to: { version: '2' }, summary: { highestSeverity: 'critical', modified: 1 } })
    const text = vpclens('diff', '1', '2', '--env', 'demo')
    expect(text.stdout.split('\n').slice(0, 2)).toEqual(['demo: version 1 → 2', '1 exposure change(s), 0 added, 0 removed, 1 modified, 0 relationship change(s); highest severity: critical'])
    expect(diff.exposureBasis).toBe('analysis')
  })
  it('exits 2 naming a bad or unknown version, or two output formats', () => {
    expect(vpclens('diff', '1', 'x', '--env', 'demo').stderr).toBe('vpclens: TO: expected a version number, "latest", a time such as 2026-11-28T02:10Z or 2026-11-28T02:10:00+01:00, or "2h ago"; got "x"\n')
    expect(vpclens('diff', '7', '1', '--env', 'demo')).toMatchObject({ code: 2, stderr: 'vpclens: FROM: environment demo has no version 7 (it has 1, 2, 3, 4, 5)\n' })
    expect(vpclens('diff', '1', '2', '--env', 'demo', '--json', '--markdown').code).toBe(2)
  })
})

describe('vpclens history and prune', { timeout: 180_000 }, () => {
  it('shows every content a resource had, and what changed', () => {
    const r = vpclens('history', bastionSg, '--env', 'demo', '--json')
    expect(r.code).toBe(0)
    const h = JSON.parse(r.stdout)
    expect(Compile(ResourceHistory).Check(h)).toBe(true)
    expect(h.revisions.map((x: { fromVersion: string; untilVersion: string | null }) => [x.fromVersion, x.untilVersion])).toEqual([['1', '2'], ['2', null]])
    expect(h.revisions[1].changes.rules.map((c: { key: string }) => c.key)).toEqual(['tcp/22/0.0.0.0/0'])
    const text = vpclens('history', bastionSg, '--env', 'demo')
    expect(text.stdout).toContain('versions 2-latest: critical\n      + ingress tcp 22 from 0.0.0.0/0')
    expect(vpclens('history', 'sg-nope', '--env', 'demo')).toMatchObject({ code: 2, stderr: 'vpclens: RESOURCE: sg-nope is in no version of environment demo\n' })
  })
  it('prunes to the last N versions, dry run first; exits 2 without a rule', () => {
    expect(vpclens('prune').code).toBe(2)
    expect(vpclens('prune', '--newer-than', '30 days').stderr).toContain('--newer-than: expected a duration')
    const dry = vpclens('prune', '--env', 'demo', '--keep', '2', '--dry-run', '--json')
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, deleted: [{ env: 'demo', versions: ['1', '2', '3'] }] })
    const real = vpclens('prune', '--env', 'demo', '--keep', '2')
    expect(real.code).toBe(0)
    expect(real.stderr).toContain('demo: deleted version(s) 1, 2, 3')
    const after = vpclens('diff', '4', '5', '--env', 'demo', '--json')
    expect(JSON.parse(after.stdout).summary.highestSeverity).toBe('info')
    expect(vpclens('diff', '1', '5', '--env', 'demo').code).toBe(2)
  })
})
