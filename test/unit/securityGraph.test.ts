import { describe, expect, it } from 'vitest'
import type { Inventory, SecurityGraph } from '../../shared/index.ts'
import { buildSecurityGraph } from '../../server/graph/buildSecurityGraph.ts'
import { portLabel } from '../../server/graph/portLabel.ts'
import { summarizePorts } from '../../server/graph/summarizePorts.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { reversedArrays, smallInventory } from '../fixtures/smallInventory.ts'

/**
 * smallInventory's `web` group (443 from the world, 22 from an office /24), plus an `app` group in the
 * same VPC whose rules name every kind of source: `web` (several rules, bundled), a CIDR, a prefix
 * list, the world over IPv6, itself, a group in a peered VPC that is collected (`mon`) and one that is
 * not (`sg-ext`, another account).
 */
function inventory(): Inventory {
  const inv = smallInventory()
  const r = inv.regions[0]
  r.ec2.Vpcs.push({ VpcId: 'vpc-2', CidrBlock: '10.9.0.0/16', CidrBlockAssociationSet: [{ CidrBlock: '10.9.0.0/16' }], Tags: [{ Key: 'Name', Value: 'shared' }] })
  r.ec2.ManagedPrefixLists.push({ PrefixListId: 'pl-office', PrefixListName: 'offices', AddressFamily: 'IPv4' })
  r.ec2.PrefixListEntries['pl-office'] = [{ Cidr: '81.2.69.0/24' }]
  r.ec2.SecurityGroups.push(
    {
      GroupId: 'sg-app', GroupName: 'app', VpcId: 'vpc-1', OwnerId: '123456789012', Description: 'app servers',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-web', UserId: '123456789012', Description: '<img src=x onerror=alert(1)>' }] },
        { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8100, UserIdGroupPairs: [{ GroupId: 'sg-web', UserId: '123456789012' }] },
        { IpProtocol: '17', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-office' }] },
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '123456789012' }] },
        { IpProtocol: 'tcp', FromPort: 9100, ToPort: 9100, UserIdGroupPairs: [{ GroupId: 'sg-mon', UserId: '123456789012', VpcId: 'vpc-2', VpcPeeringConnectionId: 'pcx-1', PeeringStatus: 'active' }] },
        { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, UserIdGroupPairs: [{ GroupId: 'sg-ext', UserId: '999999999999', VpcId: 'vpc-x', VpcPeeringConnectionId: 'pcx-2' }] },
      ],
      IpPermissionsEgress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.2.0/24' }] }],
    },
    { GroupId: 'sg-mon', GroupName: 'mon', VpcId: 'vpc-2', OwnerId: '123456789012', Description: 'monitoring', IpPermissions: [], IpPermissionsEgress: [] },
  )
  r.ec2.NetworkInterfaces.push({
    NetworkInterfaceId: 'eni-app', SubnetId: 'subnet-priv', VpcId: 'vpc-1', Status: 'in-use', InterfaceType: 'interface',
    Groups: [{ GroupId: 'sg-app' }, { GroupId: 'sg-web' }], PrivateIpAddress: '10.0.2.20', PrivateIpAddresses: [{ PrivateIpAddress: '10.0.2.20', Primary: true }],
  })
  r.ec2.NetworkAcls[0].Associations = [{ SubnetId: 'subnet-priv', NetworkAclId: 'acl-1' }, { SubnetId: 'subnet-pub', NetworkAclId: 'acl-1' }]
  return inv
}

const tuples = (g: SecurityGraph) => new Set(g.edges.map((e) => `${e.source} ${e.kind} ${e.target}`))

describe('buildSecurityGraph', () => {
  const graph = buildSecurityGraph(normalize(inventory()).resources)

  it('draws one ingress edge per (source, group) pair, from every kind of source', () => {
    expect(tuples(graph)).toEqual(new Set([
      'internet ingress sg-web',
      'cidr:81.2.69.0/24 ingress sg-web',
      'sg-web ingress sg-app',
      'cidr:10.0.0.0/16 ingress sg-app',
      'pl-office ingress sg-app',
      'internet ingress sg-app',
      'sg-app ingress sg-app',
      'sg-mon ingress sg-app',
      'sg-ext ingress sg-app',
    ]))
    const kinds = Object.fromEntries(graph.nodes.map((n) => [n.id, n.kind]))
    expect(kinds).toEqual({
      'vpc-1': 'vpc', 'vpc-2': 'vpc', 'sg-web': 'security-group', 'sg-app': 'security-group', 'sg-mon': 'security-group',
      internet: 'internet', 'cidr:81.2.69.0/24': 'cidr', 'cidr:10.0.0.0/16': 'cidr', 'pl-office': 'prefix-list', 'sg-ext': 'external-group',
    })
    // Groups sit in their VPC; sources outside every VPC.
    expect(graph.nodes.find((n) => n.id === 'sg-mon')!.parent).toBe('vpc-2')
    expect(graph.nodes.find((n) => n.id === 'internet')!.parent).toBeUndefined()
  })

  it('bundles the rules of one pair and labels the edge with their ports', () => {
    const edge = (source: string, target: string) => graph.edges.find((e) => e.source === source && e.target === target)!
    const web = edge('sg-web', 'sg-app')
    expect(web.ports).toEqual(['tcp/8000-8100', 'tcp/8080'])
    expect(web.label).toBe('tcp/8000-8100, tcp/8080')
    expect(web.ruleIds).toHaveLength(2)
    expect(edge('cidr:10.0.0.0/16', 'sg-app').label).toBe('udp/53')
    expect(edge('internet', 'sg-app').label).toBe('tcp/80')
    expect(edge('sg-app', 'sg-app').label).toBe('all')
    expect(edge('sg-ext', 'sg-app').label).toBe('icmp/all')
    expect(edge('sg-mon', 'sg-app').peeringConnectionId).toBe('pcx-1')
    expect(edge('sg-ext', 'sg-app').peeringConnectionId).toBe('pcx-2')
    expect(graph.nodes.find((n) => n.id === 'cidr:10.0.0.0/16')!.details.vpc).toBe('main (vpc-1)')
    expect(graph.nodes.find((n) => n.id === 'pl-office')!.label).toBe('offices')
  })

  it('keeps each group\'s rules, members with their addresses and the NACLs of their subnets', () => {
    const app = graph.groups.find((g) => g.id === 'sg-app')!
    expect(app.ingress).toHaveLength(8)
    expect(app.egress.map((r) => [r.ports, r.peer, r.peerKind])).toEqual([['tcp/5432', '10.0.2.0/24', 'cidr']])
    expect(app.ingress.find((r) => r.peer === 'sg-web' && r.ports === 'tcp/8080')!.description).toBe('<img src=x onerror=alert(1)>')
    expect(app.ingress.find((r) => r.peer === 'sg-app')!.peerKind).toBe('self')
    expect(app.members.map((m) => [m.networkInterfaceId, m.privateIps])).toEqual([['eni-app', ['10.0.2.20']]])
    const web = graph.groups.find((g) => g.id === 'sg-web')!
    expect(web.members.map((m) => [m.networkInterfaceId, m.owner, m.label, m.publicIps])).toEqual([
      ['eni-app', null, 'eni-app', []],
      ['eni-web', 'i-web', 'web-1', ['54.1.2.3']],
    ])
    expect(web.naclIds).toEqual(['acl-1'])
    expect(graph.nacls[0].entries.map((e) => `${e.egress ? 'out' : 'in'} ${e.ruleNumber} ${e.action}`)).toEqual(['in 100 allow', 'in 32767 deny', 'out 100 allow', 'out 32767 deny'])
  })

  it('adds the interfaces carrying each group only when asked', () => {
    expect(graph.nodes.some((n) => n.kind === 'network-interface')).toBe(false)
    const withMembers = buildSecurityGraph(normalize(inventory()).resources, { members: true })
    const members = [...tuples(withMembers)].filter((t) => t.includes('member-of')).sort()
    expect(members).toEqual(['eni-app member-of sg-app', 'eni-app member-of sg-web', 'eni-web member-of sg-web'])
    expect(withMembers.nodes.filter((n) => n.kind === 'network-interface').map((n) => [n.id, n.parent])).toEqual([['eni-app', 'vpc-1'], ['eni-web', 'vpc-1']])
  })

  it('is the same whatever order the inventory lists things in', () => {
    expect(buildSecurityGraph(normalize(reversedArrays(inventory())).resources)).toEqual(graph)
  })
})

describe('port labels', () => {
  it('names protocols and ranges the way the Security view shows them', () => {
    expect(portLabel('tcp', 22, 22)).toBe('tcp/22')
    expect(portLabel('6', 8000, 8100)).toBe('tcp/8000-8100')
    expect(portLabel('udp', 53, 53)).toBe('udp/53')
    expect(portLabel('-1', -1, -1)).toBe('all')
    expect(portLabel('tcp', 0, 65535)).toBe('tcp/all')
    expect(portLabel('icmp', 8, -1)).toBe('icmp/8')
    expect(portLabel('1', 3, 4)).toBe('icmp/3:4')
    expect(portLabel('50', undefined, undefined)).toBe('proto/50')
  })
  it('summarizes a bundle: sorted by protocol then port, at most three, then a count', () => {
    expect(summarizePorts(['tcp/443', 'tcp/80'])).toBe('tcp/80, tcp/443')
    expect(summarizePorts(['udp/53', 'tcp/22', 'tcp/443', 'tcp/80', 'tcp/22'])).toBe('tcp/22, tcp/80, tcp/443 +1')
    expect(summarizePorts(['tcp/22', 'all'])).toBe('all +1')
  })
})
