/**
 * Watch alerts through a policy (the summarize `watch --policy` uses): on the demo's version 1 → 2
 * (SSH on the bastion opened to the world), an accepted exposure change and the rule change that
 * caused it are not sent, a broken scope is, at the scope's severity.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import { diffWithPolicy } from '../../../server/policy/diffWithPolicy.ts'
import { parsePolicy } from '../../../server/policy/parsePolicy.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { alertPayload } from '../../../server/watch/alertPayload.ts'

const DEMO = readFileSync(fileURLToPath(new URL('../../fixtures/policies/demo.policy.yaml', import.meta.url)), 'utf8')
const [v1, v2] = generateDemoVersions({}).slice(0, 2).map((inv, i) => ({ id: String(i + 1), snapshot: normalize(inv) }))
const ctx = { env: 'demo', fromVersion: '1', toVersion: '2', at: '2026-12-02T00:00:00.000Z', alertOn: 'high' as const }

/** The demo policy with only the acceptances (`scopes` dropped) or with the bastion accepted until `until`. */
const policy = (until: string, scopes: boolean) => parsePolicy(
  (scopes ? DEMO : DEMO.slice(0, DEMO.indexOf('scopes:'))).replace('expires: 2026-11-30', `expires: ${until}`), 'vpclens.policy.yaml')

describe('watch alerts with a policy', () => {
  it('without a policy, the widened SSH and its rule are sent', () => {
    const p = alertPayload(diffWithPolicy(v1, v2, undefined, '2026-12-02'), ctx)!
    expect(p.changes.map((c) => [c.type, c.severity])).toEqual([['exposure', 'critical'], ['resource', 'critical']])
  })
  it('skips an accepted exposure change and the rule change that only caused it (and scope violations it accepts)', () => {
    expect(alertPayload(diffWithPolicy(v1, v2, policy('2099-01-01', false), '2026-12-02'), ctx)).toBeUndefined()
    // The bastion's acceptance (resource and port) also covers the two scope violations SSH from the world causes.
    expect(alertPayload(diffWithPolicy(v1, v2, policy('2099-01-01', true), '2026-12-02'), ctx)).toBeUndefined()
  })
  it('sends what an expired acceptance no longer covers, and the scopes the change breaks', () => {
    const expired = alertPayload(diffWithPolicy(v1, v2, policy('2026-11-30', false), '2026-12-02'), ctx)!
    expect(expired.changes.map((c) => [c.type, c.change, c.severity])).toEqual([
      ['policy', 'acceptance-expired', 'critical'], ['exposure', 'widened', 'critical'], ['resource', 'modified', 'critical'],
    ])
    const scopes = alertPayload(diffWithPolicy(v1, v2, policy('2026-11-30', true), '2026-12-02'), ctx)!
    expect(scopes.changes.map((c) => [c.type, c.change, c.severity, c.resourceKind])).toEqual([
      ['policy', 'acceptance-expired', 'critical', 'network-interface'],
      ['policy', 'scope-violated', 'critical', 'network-interface'],
      ['exposure', 'widened', 'critical', 'network-interface'], ['resource', 'modified', 'critical', 'security-group'],
      ['policy', 'scope-violated', 'high', 'network-interface'],
    ])
    expect(scopes.changes[1].summary).toBe('breaks scope ssh-from-office: eni-02c8c72caad4c9b91 (i-0d77cff0df982c4b8) is reachable on tcp 22 from sources outside the allowed list')
  })
})
