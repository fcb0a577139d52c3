import { describe, expect, it } from 'vitest'
import { generateEnvironment } from '../../server/demo/index.ts'

describe('demo at scale', () => {
  it('scale 2000 gives about 2000 ENIs and about 500 security groups', () => {
    const r = generateEnvironment({ scale: 2000 })
    expect(r.ec2.NetworkInterfaces.length).toBeGreaterThanOrEqual(1800)
    expect(r.ec2.NetworkInterfaces.length).toBeLessThanOrEqual(2200)
    expect(r.ec2.SecurityGroups.length).toBeGreaterThanOrEqual(450)
    expect(r.ec2.SecurityGroups.length).toBeLessThanOrEqual(550)
  })

  it('keeps the shape: three tiers in three AZs, mostly private instances, ALBs, NAT and public exposure', () => {
    const r = generateEnvironment({ scale: 2000 })
    const tiers = new Set(r.ec2.Subnets.map((s) => s.Tags?.find((t) => t.Key === 'tier')?.Value))
    expect([...tiers].sort()).toEqual(['isolated', 'private', 'public'])
    expect(new Set(r.ec2.Subnets.map((s) => s.AvailabilityZone)).size).toBe(3)
    const instances = r.ec2.Reservations.flatMap((x) => x.Instances ?? [])
    const tierOf = new Map(r.ec2.Subnets.map((s) => [s.SubnetId, s.Tags?.find((t) => t.Key === 'tier')?.Value]))
    const privateShare = instances.filter((i) => tierOf.get(i.SubnetId ?? '') === 'private').length / instances.length
    expect(privateShare).toBeGreaterThan(0.6)
    expect(r.elbv2.LoadBalancers.length).toBeGreaterThanOrEqual(3)
    expect(r.elbv2.TargetGroups.length).toBeGreaterThan(10)
    expect(r.ec2.NatGateways.length).toBeGreaterThanOrEqual(3)
    expect(r.ec2.SecurityGroupRules.some((x) => x.ReferencedGroupInfo)).toBe(true)
    expect(r.ec2.SecurityGroupRules.filter((x) => x.CidrIpv4 === '0.0.0.0/0' && !x.IsEgress).length).toBeGreaterThan(5)
  })

  it('adds a VPC per ~2,000 ENIs beyond the core three', () => {
    const r = generateEnvironment({ scale: 8000 })
    expect(r.ec2.Vpcs.length).toBe(4)
    expect(Math.abs(r.ec2.NetworkInterfaces.length - 8000)).toBeLessThanOrEqual(800)
    expect(Math.abs(r.ec2.SecurityGroups.length - 2000)).toBeLessThanOrEqual(200)
  })

  it('a scale below the core demo keeps the core demo', () => {
    const small = generateEnvironment({ scale: 10 })
    expect(JSON.stringify(small.ec2.Subnets)).toBe(JSON.stringify(generateEnvironment({}).ec2.Subnets))
  })
})
