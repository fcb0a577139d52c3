import { describe, expect, it } from 'vitest'
import type { RegionInventory } from '../../shared/index.ts'
import { demoStory, generateDemoVersions } from '../../server/demo/index.ts'

/** How each list names its items; the keyed records (Rules, TargetHealth, …) use their keys. */
const ID_FIELDS: Record<string, string> = {
  Vpcs: 'VpcId', Subnets: 'SubnetId', RouteTables: 'RouteTableId', InternetGateways: 'InternetGatewayId',
  EgressOnlyInternetGateways: 'EgressOnlyInternetGatewayId', NatGateways: 'NatGatewayId',
  VpcPeeringConnections: 'VpcPeeringConnectionId', TransitGatewayAttachments: 'TransitGatewayAttachmentId',
  VpcEndpoints: 'VpcEndpointId', ManagedPrefixLists: 'PrefixListId', NetworkAcls: 'NetworkAclId',
  SecurityGroups: 'GroupId', SecurityGroupRules: 'SecurityGroupRuleId', NetworkInterfaces: 'NetworkInterfaceId',
  Reservations: 'ReservationId', Addresses: 'AllocationId', LoadBalancers: 'LoadBalancerArn', Listeners: 'ListenerArn',
  TargetGroups: 'TargetGroupArn',
}

type Changes = Record<string, { added: string[]; removed: string[]; modified: string[] }>

/** Added, removed and modified items per list, by id; lists without changes are left out. */
function changes(a: RegionInventory, b: RegionInventory): Changes {
  const out: Changes = {}
  for (const service of ['ec2', 'elbv2'] as const) {
    for (const [name, before] of Object.entries(a[service])) {
      const after = (b[service] as Record<string, unknown>)[name]
      const index = (v: unknown) => new Map(Array.isArray(v)
        ? v.map((item: Record<string, unknown>) => [String(item[ID_FIELDS[name]]), JSON.stringify(item)])
        : Object.entries(v as object).map(([k, item]) => [k, JSON.stringify(item)]))
      const x = index(before), y = index(after)
      const c = {
        added: [...y.keys()].filter((k) => !x.has(k)),
        removed: [...x.keys()].filter((k) => !y.has(k)),
        modified: [...x.keys()].filter((k) => y.has(k) && x.get(k) !== y.get(k)),
      }
      if (c.added.length + c.removed.length + c.modified.length > 0) out[name] = c
    }
  }
  return out
}

const versions = generateDemoVersions({})
const regions = versions.map((v) => v.regions[0])
const nameOf = (x: { Tags?: { Key: string; Value: string }[] }) => x.Tags?.find((t) => t.Key === 'Name')?.Value
const groupByName = (r: RegionInventory, name: string) => r.ec2.SecurityGroups.find((g) => g.GroupName === name)!

describe('the demo story', () => {
  it('has a baseline and one version per story step, in order', () => {
    expect(versions).toHaveLength(1 + demoStory.length)
    expect(demoStory.length).toBeGreaterThanOrEqual(4)
  })

  it('v2 adds exactly one ingress rule, tcp/22 from 0.0.0.0/0, to the bastion group', () => {
    const c = changes(regions[0], regions[1])
    expect(Object.keys(c).sort()).toEqual(['SecurityGroupRules', 'SecurityGroups'])
    const bastion = groupByName(regions[1], 'prod-bastion-sg')
    expect(c.SecurityGroups).toEqual({ added: [], removed: [], modified: [bastion.GroupId] })
    expect(c.SecurityGroupRules.removed).toEqual([])
    expect(c.SecurityGroupRules.modified).toEqual([])
    expect(c.SecurityGroupRules.added).toHaveLength(1)
    const rule = regions[1].ec2.SecurityGroupRules.find((x) => x.SecurityGroupRuleId === c.SecurityGroupRules.added[0])!
    expect(rule).toMatchObject({ GroupId: bastion.GroupId, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' })
    const ssh = bastion.IpPermissions?.find((p) => p.FromPort === 22)
    expect(ssh?.IpRanges?.map((x) => x.CidrIp).sort()).toEqual(['0.0.0.0/0', '81.2.69.0/24'])
    // It is a real exposure: the bastion holds an Elastic IP in a subnet routed to the internet gateway.
    const bastionEni = regions[1].ec2.NetworkInterfaces.find((e) => e.Groups?.some((g) => g.GroupId === bastion.GroupId))!
    expect(regions[1].ec2.Addresses.some((a) => a.NetworkInterfaceId === bastionEni.NetworkInterfaceId)).toBe(true)
    const table = regions[1].ec2.RouteTables.find((t) => t.Associations?.some((a) => a.SubnetId === bastionEni.SubnetId))!
    expect(table.Routes?.some((x) => x.DestinationCidrBlock === '0.0.0.0/0' && x.GatewayId?.startsWith('igw-'))).toBe(true)
  })

  it('v3 adds one subnet, with its route table and NACL associations and two instances in it', () => {
    const c = changes(regions[1], regions[2])
    expect(Object.keys(c).sort()).toEqual(['NetworkAcls', 'NetworkInterfaces', 'Reservations', 'RouteTables', 'Subnets'])
    expect(c.Subnets.added).toHaveLength(1)
    expect(c.Subnets.removed.length + c.Subnets.modified.length).toBe(0)
    const subnet = regions[2].ec2.Subnets.find((s) => s.SubnetId === c.Subnets.added[0])!
    expect(nameOf(subnet)).toBe('staging-private-c')
    expect(subnet.AvailabilityZone).toBe('us-east-1c')
    expect(c.Reservations).toMatchObject({ removed: [], modified: [] })
    expect(c.Reservations.added).toHaveLength(2)
    expect(c.NetworkInterfaces).toMatchObject({ removed: [], modified: [] })
    for (const id of c.NetworkInterfaces.added) {
      expect(regions[2].ec2.NetworkInterfaces.find((e) => e.NetworkInterfaceId === id)?.SubnetId).toBe(subnet.SubnetId)
    }
    expect(c.RouteTables).toMatchObject({ added: [], removed: [] })
    expect(c.RouteTables.modified).toHaveLength(1)
    expect(c.NetworkAcls).toMatchObject({ added: [], removed: [] })
    expect(c.NetworkAcls.modified).toHaveLength(1)
  })

  it('v4 removes one instance and its ENI, and nothing else', () => {
    const c = changes(regions[2], regions[3])
    expect(Object.keys(c).sort()).toEqual(['NetworkInterfaces', 'Reservations'])
    expect(c.Reservations).toMatchObject({ added: [], modified: [] })
    expect(c.Reservations.removed).toHaveLength(1)
    expect(c.NetworkInterfaces).toMatchObject({ added: [], modified: [] })
    expect(c.NetworkInterfaces.removed).toHaveLength(1)
    const removed = regions[2].ec2.Reservations.find((x) => x.ReservationId === c.Reservations.removed[0])!.Instances![0]
    expect(nameOf(removed)).toBe('prod-worker-2')
    expect(removed.NetworkInterfaces?.[0].NetworkInterfaceId).toBe(c.NetworkInterfaces.removed[0])
  })

  it('v5 changes exactly one NACL entry', () => {
    const c = changes(regions[3], regions[4])
    expect(c).toEqual({ NetworkAcls: { added: [], removed: [], modified: [expect.any(String)] } })
    const before = regions[3].ec2.NetworkAcls.find((a) => a.NetworkAclId === c.NetworkAcls.modified[0])!
    const after = regions[4].ec2.NetworkAcls.find((a) => a.NetworkAclId === c.NetworkAcls.modified[0])!
    expect(nameOf(after)).toBe('prod-public-nacl')
    expect(after.Entries).toHaveLength(before.Entries!.length)
    const differing = after.Entries!.filter((e, i) => JSON.stringify(e) !== JSON.stringify(before.Entries![i]))
    expect(differing).toEqual([{ CidrBlock: '0.0.0.0/0', Egress: false, Protocol: '6', PortRange: { From: 80, To: 80 }, RuleAction: 'deny', RuleNumber: 110 }])
  })

  it('does not edit earlier versions while building later ones', () => {
    const fresh = generateDemoVersions({})
    expect(JSON.stringify(fresh[0])).toBe(JSON.stringify(versions[0]))
    expect(groupByName(regions[0], 'prod-bastion-sg').IpPermissions?.find((p) => p.FromPort === 22)?.IpRanges).toHaveLength(1)
  })

  it('applies to a scaled environment too', () => {
    const scaled = generateDemoVersions({ scale: 600 }).map((v) => v.regions[0])
    expect(scaled).toHaveLength(versions.length)
    expect(Object.keys(changes(scaled[0], scaled[1])).sort()).toEqual(['SecurityGroupRules', 'SecurityGroups'])
    expect(Object.keys(changes(scaled[3], scaled[4]))).toEqual(['NetworkAcls'])
  })
})
