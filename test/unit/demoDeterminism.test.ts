import { describe, expect, it } from 'vitest'
import { generateDemoVersions } from '../../server/demo/index.ts'

const ID_PATTERN = /\b(?:vpc|subnet|sg|eni|i|nat|igw|eigw|rtb|acl|pcx|vpce|eipalloc|eipassoc|sgr)-0[0-9a-f]{16}\b/g

function ids(json: string): Set<string> {
  return new Set(json.match(ID_PATTERN) ?? [])
}

describe('demo determinism', () => {
  it('the same seed gives byte-identical JSON', () => {
    const now = new Date('2025-01-01T00:00:00Z')
    expect(JSON.stringify(generateDemoVersions({ seed: 7, now }))).toBe(JSON.stringify(generateDemoVersions({ seed: 7, now })))
  })

  it('the same seed and scale give byte-identical JSON', () => {
    const a = JSON.stringify(generateDemoVersions({ seed: 3, scale: 1000 }))
    expect(JSON.stringify(generateDemoVersions({ seed: 3, scale: 1000 }))).toBe(a)
  })

  it('no argument means the default seed and a fixed time', () => {
    expect(JSON.stringify(generateDemoVersions())).toBe(JSON.stringify(generateDemoVersions({})))
  })

  it('a different seed gives different ids', () => {
    const a = ids(JSON.stringify(generateDemoVersions({ seed: 1 })))
    const b = ids(JSON.stringify(generateDemoVersions({ seed: 2 })))
    expect(a.size).toBeGreaterThan(100)
    expect([...a].filter((id) => b.has(id))).toEqual([])
  })

  it('ids have the shapes AWS uses', () => {
    const [v1] = generateDemoVersions({})
    const r = v1.regions[0]
    expect(r.account).toBe('123456789012')
    expect(r.region).toBe('us-east-1')
    expect(r.ec2.Vpcs[0].VpcId).toMatch(/^vpc-[0-9a-f]{17}$/)
    expect(r.ec2.NetworkInterfaces[0].NetworkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/)
    expect(r.ec2.SecurityGroupRules[0].SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/)
    expect(r.elbv2.LoadBalancers[0].LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/prod-web-alb\/[0-9a-f]{16}$/)
  })
})
