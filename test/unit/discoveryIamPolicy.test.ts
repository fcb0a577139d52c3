/**
 * The shipped IAM policy lists exactly the operations discovery can send, and every one of them is a
 * read the guard lets through. "Can send" is read from the code: every SDK command server/discovery
 * imports (commands are the only way to send an operation with SDK v3 clients).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isReadOnlyOperation, type AwsService } from '../../server/discovery/readOnlyGuard.ts'

const root = new URL('../../', import.meta.url)
const IAM_PREFIX: Record<string, { iam: string; service: AwsService }> = {
  'client-ec2': { iam: 'ec2', service: 'ec2' },
  'client-elastic-load-balancing-v2': { iam: 'elasticloadbalancing', service: 'elbv2' },
  'client-sts': { iam: 'sts', service: 'sts' },
  'client-organizations': { iam: 'organizations', service: 'organizations' },
  'client-cloudtrail': { iam: 'cloudtrail', service: 'cloudtrail' },
}

function operationsInCode(): { action: string; service: AwsService; operation: string }[] {
  const dir = new URL('server/discovery/', root)
  const found = new Map<string, { action: string; service: AwsService; operation: string }>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(new URL(file, dir), 'utf8')
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/([a-z0-9-]+)'/g)) {
      const pkg = IAM_PREFIX[m[2]]
      if (!pkg) throw new Error(`${file} imports @aws-sdk/${m[2]}, which this test does not know how to map to IAM`)
      for (const name of m[1].split(',').map((s) => s.replace(/^\s*type\s+/, '').trim())) {
        const op = /^([A-Za-z0-9]+)Command$/.exec(name)?.[1]
        if (op) found.set(`${pkg.iam}:${op}`, { action: `${pkg.iam}:${op}`, service: pkg.service, operation: op })
      }
    }
  }
  return [...found.values()]
}

function actionsInPolicy(): string[] {
  const policy = JSON.parse(readFileSync(new URL('iam/vpclens-readonly-policy.json', root), 'utf8')) as {
    Statement: { Effect: string; Action: string | string[]; Resource: string | string[] }[]
  }
  return policy.Statement.flatMap((s) => {
    expect(s.Effect).toBe('Allow')
    return Array.isArray(s.Action) ? s.Action : [s.Action]
  })
}

describe('least-privilege IAM policy', () => {
  it('allows exactly the operations discovery can call, with no wildcards', () => {
    const code = operationsInCode().map((o) => o.action).sort()
    const policy = actionsInPolicy()
    expect(policy.every((a) => !a.includes('*'))).toBe(true)
    expect([...policy].sort()).toEqual(code)
    expect(code).toContain('ec2:DescribeSecurityGroupRules')
    expect(code).toContain('elasticloadbalancing:DescribeTargetGroupAttributes')
  })

  it('holds only reads: every operation in the code passes the read-only guard', () => {
    for (const o of operationsInCode()) expect(isReadOnlyOperation(o.service, o.operation), o.action).toBe(true)
  })

  it('the guard refuses writes, including sts operations other than AssumeRole', () => {
    for (const [service, op] of [['ec2', 'CreateVpc'], ['ec2', 'AuthorizeSecurityGroupIngress'], ['ec2', 'ModifyVpcAttribute'],
      ['elbv2', 'DeleteLoadBalancer'], ['ec2', 'AssumeRole'], ['organizations', 'CreateAccount'], ['ec2', 'Getaway'], ['ec2', '']] as const) {
      expect(isReadOnlyOperation(service, op), `${service}:${op}`).toBe(false)
    }
    expect(isReadOnlyOperation('sts', 'AssumeRole')).toBe(true)
    expect(isReadOnlyOperation('sts', 'GetCallerIdentity')).toBe(true)
    expect(isReadOnlyOperation('cloudtrail', 'LookupEvents')).toBe(true)
    expect(isReadOnlyOperation('ec2', 'LookupEvents')).toBe(false)
    for (const op of ['StartLogging', 'StopLogging', 'DeleteTrail', 'PutEventSelectors', 'CreateTrail']) expect(isReadOnlyOperation('cloudtrail', op), op).toBe(false)
  })
})
