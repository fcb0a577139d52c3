import { describe, expect, it } from 'vitest'
import { Compile } from 'typebox/compile'
import { Snapshot, type SecurityGroup } from '../../shared/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { reversedArrays, smallInventory } from '../fixtures/smallInventory.ts'

const checkSnapshot = Compile(Snapshot)

describe('normalize', () => {
  it('produces a valid snapshot with sorted, unique resource ids', () => {
    const s = normalize(smallInventory())
    expect(checkSnapshot.Check(s)).toBe(true)
    const ids = s.resources.map((r) => r.id)
    expect(ids).toEqual([...ids].sort())
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain('vpc-1')
    expect(ids).toContain('i-web')
  })

  it('hashes the same environment returned in another order the same', () => {
    const a = normalize(smallInventory())
    const b = normalize(reversedArrays(smallInventory()))
    expect(b.hash).toBe(a.hash)
  })

  it('ignores volatile fields (free IP counts, launch times, collection time)', () => {
    const inv = smallInventory()
    inv.regions[0].ec2.Subnets[0].AvailableIpAddressCount = 17
    inv.regions[0].ec2.Reservations[0].Instances![0].LaunchTime = '2026-11-20T00:00:00.000Z'
    inv.collectedAt = '2026-11-28T00:00:00.000Z'
    expect(normalize(inv).hash).toBe(normalize(smallInventory()).hash)
  })

  it('changes the hash when a rule changes', () => {
    const inv = smallInventory()
    const sg = inv.regions[0].ec2.SecurityGroups[0] as SecurityGroup
    sg.IpPermissions![1].IpRanges![0].CidrIp = '0.0.0.0/0'
    expect(normalize(inv).hash).not.toBe(normalize(smallInventory()).hash)
  })

  it('resolves subnet route tables, network ACLs and tiers', () => {
    const s = normalize(smallInventory())
    const pub = s.resources.find((r) => r.id === 'subnet-pub')!
    const priv = s.resources.find((r) => r.id === 'subnet-priv')!
    expect(pub.attributes).toMatchObject({ routeTableId: 'rtb-pub', routeTableExplicit: true, naclId: 'acl-1', tier: 'public' })
    expect(priv.attributes).toMatchObject({ routeTableId: 'rtb-main', routeTableExplicit: false, naclId: 'acl-1', tier: 'isolated' })
    expect(pub.name).toBe('public-a')
  })

  it('derives flat security group rules with content-based ids when none were collected', () => {
    const s = normalize(smallInventory())
    const sg = s.resources.find((r) => r.id === 'sg-web')!
    const rules = sg.attributes.rules as { SecurityGroupRuleId: string; CidrIpv4?: string; IsEgress: boolean }[]
    expect(rules.map((r) => r.SecurityGroupRuleId).sort()).toEqual([
      'sg-web/egress/-1/-1--1/0.0.0.0/0',
      'sg-web/ingress/tcp/22-22/81.2.69.0/24',
      'sg-web/ingress/tcp/443-443/0.0.0.0/0',
    ])
  })

  it('links an ENI to its instance and lists its public IPs', () => {
    const s = normalize(smallInventory())
    const eni = s.resources.find((r) => r.id === 'eni-web')!
    expect(eni.attributes).toMatchObject({ eniKind: 'instance', owner: 'i-web', publicIps: ['54.1.2.3'], privateIps: ['10.0.1.10'] })
  })
})
