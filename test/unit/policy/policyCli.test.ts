/**
 * `--policy` on the real `vpclens` binary against the demo environment (test/fixtures/policies/
 * demo.policy.yaml): the CI gate with accepted, expired and stale acceptances and scope violations,
 * findings/exposure/diff output, and one clear error (exit 2) for a malformed policy file.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../../server/store/sqliteStore.ts'

const BIN = fileURLToPath(new URL('../../../bin/vpclens.mjs', import.meta.url))
const DEMO_POLICY = fileURLToPath(new URL('../../fixtures/policies/demo.policy.yaml', import.meta.url))
const BASTION_ENI = 'eni-02c8c72caad4c9b91'
let dir: string

function vpclens(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', join(dir, 'store')], { encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** The demo policy with the bastion's acceptance moved to another expiry date. */
function policyWithBastionUntil(date: string): string {
  const file = join(dir, `policy-${date}.yaml`)
  writeFileSync(file, readFileSync(DEMO_POLICY, 'utf8').replace('expires: 2026-11-30', `expires: ${date}`))
  return file
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vpclens-policycli-'))
  const store = openSqliteStore(join(dir, 'store'))
  for (const inv of generateDemoVersions({})) await store.put('demo', normalize(inv), { source: 'demo', at: inv.collectedAt })
  await store.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('vpclens check --policy', { timeout: 180_000 }, () => {
  it('fails on what an expired acceptance no longer covers and on scope violations; lists accepted and stale entries', () => {
    const r = vpclens('check', '--fail-on', 'medium', '--policy', DEMO_POLICY)
    expect(r.code).toBe(1)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toContain(`accepted medium: NACL_ADMIN_FROM_WORLD: Network ACL allows 22 from the internet (acl-0db348497220482a2) (${DEMO_POLICY}:14, owner platform: the public NACL is coarse on purpose; security groups decide)`)
    expect(lines).toContain(`expired acceptance (${DEMO_POLICY}:18, owner sre, expired 2026-11-30): resource=eni-02c8c72caad4c9b91 port=22: 4 item(s) no longer accepted`)
    expect(lines).toContain(`stale acceptance (${DEMO_POLICY}:23, owner web): check=UNUSED_SECURITY_GROUP tag=team=web: matches nothing in this version`)
    expect(lines).toContain(`critical: ADMIN_PORT_EXPOSED: Administration port reachable from the internet (${BASTION_ENI}, i-0d77cff0df982c4b8)`)
    expect(lines).toContain(`critical: SCOPE_VIOLATION ssh-from-office: ${BASTION_ENI} (i-0d77cff0df982c4b8) is reachable on tcp 22 from sources outside the allowed list`)
    expect(lines).toContain(`high: SCOPE_VIOLATION prod-only-lbs: ${BASTION_ENI} (i-0d77cff0df982c4b8) is internet-facing on tcp 22 without a load balancer`)
    expect(lines.at(-1)).toBe('vpclens: check failed: 5 finding(s) in the findings of version 5 of demo reach medium (5 more accepted by the policy)')
  })

  it('passes when what reaches the threshold is accepted, and reports it (--json)', () => {
    const r = vpclens('check', '--fail-on', 'critical', '--policy', policyWithBastionUntil('2099-01-01'), '--json')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out).toMatchObject({ subject: 'findings of version 5 of demo', failOn: 'critical', passed: true, failing: [] })
    expect(out.accepted.map((a: { summary: string; accepted: { reason: string } }) => [a.summary.split(':')[0], a.accepted.reason])).toEqual([
      ['ADMIN_PORT_EXPOSED', 'vendor support session on the bastion'],
      ['SCOPE_VIOLATION ssh-from-office', 'vendor support session on the bastion'],
    ])
    expect(out.scopes).toEqual([
      { id: 'db-not-internet', status: 'holds', severity: 'critical', violations: 0, unknown: [] },
      { id: 'prod-only-lbs', status: 'violated', severity: 'high', violations: 1, unknown: [] },
      { id: 'ssh-from-office', status: 'violated', severity: 'critical', violations: 1, unknown: [] },
      { id: 'staging-not-to-prod-db', status: 'holds', severity: 'high', violations: 0, unknown: [] },
      { id: 'shared-not-to-prod-db', status: 'holds', severity: 'high', violations: 0, unknown: [] },
    ])
    expect(out.acceptances.map((a: { line: number; status: string }) => [a.line, a.status])).toEqual([[5, 'active'], [11, 'active'], [14, 'active'], [18, 'active'], [23, 'stale']])
  })

  it('with --against, a change that breaks a scope or brings back an expired acceptance fails at the scope\'s severity', () => {
    const r = vpclens('check', '--fail-on', 'critical', '--against', '1', '--policy', DEMO_POLICY, '--json')
    expect(r.code).toBe(1)
    const failing: Array<{ severity: string; summary: string }> = JSON.parse(r.stdout).failing
    expect(failing).toContainEqual({ severity: 'critical', summary: `breaks scope ssh-from-office: ${BASTION_ENI} (i-0d77cff0df982c4b8) is reachable on tcp 22 from sources outside the allowed list` })
    expect(failing.filter((f) => f.summary.includes('its acceptance'))).toEqual([{
      severity: 'critical', summary: `${BASTION_ENI} reachable from the internet on tcp 22: back, and its acceptance (${DEMO_POLICY}:18, owner sre) expired on 2026-11-30`,
    }])
    // Accepted until 2099, the widened SSH and the rule that caused it are accepted; the broken scope still fails.
    const later = JSON.parse(vpclens('check', '--fail-on', 'critical', '--against', '1', '--policy', policyWithBastionUntil('2099-01-01'), '--json').stdout)
    expect(later.failing).toEqual([])
    expect(later.accepted.map((a: { summary: string }) => a.summary)).toEqual([
      `${BASTION_ENI} widened: tcp 22 now from 0.0.0.0/0 (the internet) except 45.155.205.0/24 (was 81.2.69.0/24)`,
      'sg-03f3a8a96e6ed22c4 + ingress tcp 22 from 0.0.0.0/0 ("temporary: vendor support session")',
    ])
  })

  it('gives one clear error and exit 2 for a malformed policy, before reading the store', () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'accept:\n  - check: ADMIN_PORT_EXPOSED\n    owner: sre\n    expire: 2027-01-01\n')
    for (const cmd of [['check', '--fail-on', 'high'], ['findings'], ['exposure'], ['diff', '1', '2']]) {
      const r = vpclens(...cmd, '--policy', bad)
      expect(r.code, cmd[0]).toBe(2)
      expect(r.stderr, cmd[0]).toBe(`vpclens: --policy: ${bad}:4: accept[0].expire: unknown field (expected check, resource, tag, port, protocol, source, reason, owner, expires)\n`)
      expect(r.stdout).toBe('')
    }
    expect(vpclens('check', '--fail-on', 'high', '--policy', join(dir, 'missing.yaml')).stderr).toBe(`vpclens: --policy: ${join(dir, 'missing.yaml')}: no such file\n`)
  })
})

describe('findings, exposure and diff --policy', { timeout: 180_000 }, () => {
  it('findings marks accepted findings and adds scope violations with their traces', () => {
    const r = vpclens('findings', '--policy', DEMO_POLICY, '--json')
    const out = JSON.parse(r.stdout)
    const accepted = out.findings.filter((f: { accepted?: unknown }) => f.accepted).map((f: { check: string; accepted: { line: number } }) => [f.check, f.accepted.line])
    expect(accepted).toEqual([
      ['DEFAULT_SG_HAS_RULES', 11], ['DEFAULT_SG_HAS_RULES', 11], ['DEFAULT_SG_HAS_RULES', 11],
      ['NACL_ADMIN_FROM_WORLD', 14], ['NACL_ADMIN_FROM_WORLD', 14], ['ADMIN_PORT_EXPOSED', 5],
    ])
    const v = out.policy.scopes.find((s: { id: string }) => s.id === 'ssh-from-office').violations[0]
    expect(v.trace.find((t: { check: string }) => t.check === 'sg').ruleRef).toMatchObject({ kind: 'sg-rule', groupId: 'sg-03f3a8a96e6ed22c4', peer: '0.0.0.0/0' })
    const text = vpclens('findings', '--policy', DEMO_POLICY)
    expect(text.stdout).toContain('SCOPE_VIOLATION:ssh-from-office')
    expect(text.stdout).toContain('[accepted: SSH to staging-web-1 from the office networks only, reviewed in SEC-412 (platform)]')
  })
  it('exposure shows a POLICY column', () => {
    const r = vpclens('exposure', '--policy', DEMO_POLICY)
    const line = r.stdout.split('\n').find((l) => l.startsWith('low') && l.includes('eni-0d173cf0e4f802354') && l.includes(' 22 '))!
    expect(line).toMatch(/accepted: SSH to staging-web-1 from the office networks only, reviewed in SEC-412 \(platform\)$/)
  })
  it('diff lists the policy changes first', () => {
    const r = vpclens('diff', '1', '2', '--policy', DEMO_POLICY, '--markdown')
    expect(r.stdout).toContain('#### Policy')
    expect(r.stdout).toContain('| **critical** | scope-violated | breaks scope ssh-from-office:')
  })
})
