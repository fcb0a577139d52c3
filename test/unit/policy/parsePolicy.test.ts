import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020.js'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../server/policy/parsePolicy.ts'
import { PolicyError } from '../../../server/policy/PolicyError.ts'
import { policyJsonSchema } from '../../../server/policy/policyJsonSchema.ts'
import { readPolicyFile } from '../../../server/policy/readPolicyFile.ts'

const DEMO = fileURLToPath(new URL('../../fixtures/policies/demo.policy.yaml', import.meta.url))
const SCHEMA = fileURLToPath(new URL('../../../docs/vpclens.policy.schema.json', import.meta.url))

function error(text: string): string {
  try {
    parsePolicy(text, 'p.yaml')
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError)
    return (e as Error).message
  }
  throw new Error('parsed without error')
}

const ok = 'reason: r\n    owner: o'

describe('policy files', () => {
  it('reads the demo policy with the line of every entry', () => {
    const p = readPolicyFile(DEMO)
    expect(p.accept.map((a) => a.line)).toEqual([5, 11, 14, 18, 23])
    expect(p.scopes.map((s) => [s.id, s.kind, s.line])).toEqual([
      ['db-not-internet', 'not-internet-reachable', 28], ['prod-only-lbs', 'only-load-balancers-internet-facing', 33],
      ['ssh-from-office', 'allowed-internet-sources', 36], ['staging-not-to-prod-db', 'no-path', 41], ['shared-not-to-prod-db', 'no-path', 46],
    ])
    expect(p.accept[3]).toMatchObject({ resource: 'eni-02c8c72caad4c9b91', port: 22, expires: '2026-11-30', owner: 'sre' })
  })

  it('reads JSON too', () => {
    const p = parsePolicy('{\n  "accept": [\n    { "check": "HTTP_LISTENER", "reason": "redirects", "owner": "web" }\n  ]\n}\n', 'p.json')
    expect(p.accept).toEqual([{ check: 'HTTP_LISTENER', reason: 'redirects', owner: 'web', line: 3 }])
  })

  it('gives one error naming file, line and field', () => {
    expect(error('accept:\n  - check: X\n    owner: o\n')).toBe('p.yaml:2: accept[0].reason: missing')
    expect(error(`accept:\n  - check: X\n    ${ok}\n    reasno: typo\n`)).toBe('p.yaml:5: accept[0].reasno: unknown field (expected check, resource, tag, port, protocol, source, reason, owner, expires)')
    expect(error(`accept:\n  - port: 70000\n    ${ok}\n`)).toBe('p.yaml:2: accept[0].port: expected a port (22) or a range ("8000-8100")')
    expect(error(`accept:\n  - port: "30-20"\n    ${ok}\n`)).toBe('p.yaml:2: accept[0].port: "30-20" is not a port or range within 0-65535 (low-high)')
    expect(error(`accept:\n  - port: "22-x"\n    ${ok}\n`)).toBe('p.yaml:2: accept[0].port: expected a port (22) or a range ("8000-8100")')
    expect(error(`accept:\n  - ${ok}\n`)).toBe('p.yaml:2: accept[0]: needs at least one of check, resource, tag, port, protocol, source to say what it accepts')
    expect(error(`accept:\n  - check: X\n    ${ok}\n    expires: 2026-02-30\n`)).toBe('p.yaml:5: accept[0].expires: "2026-02-30" is not a date (YYYY-MM-DD)')
    expect(error(`accept:\n  - source: 10.0.0.300/8\n    ${ok}\n`)).toBe('p.yaml:2: accept[0].source: "10.0.0.300" is not an IPv4 address (300 is above 255)')
    expect(error('scopes:\n  - id: a\n    kind: no-such-kind\n')).toBe('p.yaml:3: scopes[0].kind: expected one of not-internet-reachable, only-load-balancers-internet-facing, allowed-internet-sources, no-path')
    expect(error('scopes:\n  - id: a\n    kind: no-path\n    from: { vpc: vpc-1 }\n')).toBe('p.yaml:2: scopes[0].to: missing')
    expect(error('scopes:\n  - id: a\n    kind: not-internet-reachable\n    resources: {}\n')).toBe('p.yaml:4: scopes[0].resources: must not have fewer than 1 properties')
    expect(error('scopes:\n  - id: a\n    kind: only-load-balancers-internet-facing\n  - id: a\n    kind: only-load-balancers-internet-facing\n'))
      .toBe('p.yaml:4: scopes[1].id: "a" is already the id of scopes[0]')
    expect(error('accept:\n  - check: X\n    reason: [unclosed\n')).toMatch(/^p\.yaml:\d+: /)
    expect(error('accept: 1\n')).toBe('p.yaml:1: accept: must be array')
  })

  it('says when the file cannot be read', () => {
    expect(() => readPolicyFile('/nonexistent/vpclens.policy.yaml')).toThrow('/nonexistent/vpclens.policy.yaml: no such file')
  })

  it('publishes the TypeBox schema as docs/vpclens.policy.schema.json, and the demo policy validates against it', () => {
    expect(readFileSync(SCHEMA, 'utf8')).toBe(policyJsonSchema())
    const ajv = new Ajv2020({ strict: false })
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')))
    expect(validate(parse(readFileSync(DEMO, 'utf8')))).toBe(true)
    expect(validate({ accept: [{ check: 'X', owner: 'o' }] })).toBe(false)
    expect(validate({ scopes: [{ id: 'a', kind: 'no-path', from: { vpc: 'vpc-1' } }] })).toBe(false)
  })
})
