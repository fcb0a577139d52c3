import { describe, expect, it } from 'vitest'
import type { Inventory, NetworkAcl, SecurityGroup, SecurityGroupRule, Snapshot } from '../../../shared/index.ts'
import { diffSnapshots } from '../../../server/diff/diffSnapshots.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { smallInventory } from '../../fixtures/smallInventory.ts'

const base = () => normalize(smallInventory())
function changed(edit: (inv: Inventory) => void): Snapshot {
  const inv = smallInventory()
  edit(inv)
  return normalize(inv)
}
const ec2 = (inv: Inventory) => inv.regions[0]!.ec2
const webGroup = (inv: Inventory) => ec2(inv).SecurityGroups[0] as SecurityGroup

describe('diffSnapshots on hand-built pairs', () => {
  it('finds nothing between a snapshot and itself', () => {
    const d = diffSnapshots(base(), base())
    expect(d.resources).toEqual([])
    expect(d.relationships).toEqual([])
    expect(d.exposure).toEqual([])
    expect(d.summary.highestSeverity).toBeNull()
  })

  it('does not count reordered security-group rules, NACL entries or routes as a change', () => {
    const a = base()
    // Reverse the lists inside the snapshot itself (not through normalize, which would sort them
    // back): the diff must compare them as sets by identity, not by position.
    const b: Snapshot = structuredClone(a)
    for (const r of b.resources) {
      if (Array.isArray(r.attributes.rules)) r.attributes.rules = [...(r.attributes.rules as unknown[])].reverse()
      const raw = r.raw as { Entries?: unknown[]; Routes?: unknown[] }
      if (raw.Entries) raw.Entries = [...raw.Entries].reverse()
      if (raw.Routes) raw.Routes = [...raw.Routes].reverse()
    }
    expect((b.resources.find((r) => r.id === 'sg-web')!.attributes.rules as SecurityGroupRule[])[0])
      .not.toEqual((a.resources.find((r) => r.id === 'sg-web')!.attributes.rules as SecurityGroupRule[])[0])
    const d = diffSnapshots(a, b)
    expect(d.resources).toEqual([])
    expect(d.exposure).toEqual([])
  })

  it('reports a port newly opened to the world as a critical exposure change, with the rule that caused it, first', () => {
    const b = changed((inv) => {
      webGroup(inv).IpPermissions!.push({ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, IpRanges: [{ CidrIp: '0.0.0.0/0' }] })
      ec2(inv).Vpcs[0]!.Tags = [{ Key: 'Name', Value: 'renamed' }]
    })
    const d = diffSnapshots(base(), b)
    expect(d.exposure[0]).toMatchObject({
      change: 'newly-exposed', severity: 'critical', resourceId: 'sg-web', resourceKind: 'security-group',
      protocol: 'tcp', ports: { from: 3306, to: 3306 }, sources: ['0.0.0.0/0'], affected: ['eni-web'],
    })
    expect(d.exposure[0]!.causes).toEqual([expect.objectContaining({ resourceId: 'sg-web', collection: 'sg-ingress', key: 'tcp/3306/0.0.0.0/0', change: 'added' })])
    expect(d.resources[0]).toMatchObject({ id: 'sg-web', change: 'modified', severity: 'critical' })
    expect(d.resources[0]!.rules.map((r) => [r.change, r.key])).toEqual([['added', 'tcp/3306/0.0.0.0/0']])
    expect(d.resources.find((r) => r.id === 'vpc-1')).toMatchObject({ severity: 'info', fields: [{ path: 'name', before: 'main', after: 'renamed' }, { path: 'tags.Name', before: 'main', after: 'renamed' }] })
    expect(d.summary).toMatchObject({ modified: 2, added: 0, removed: 0, highestSeverity: 'critical' })
  })

  it('calls a source CIDR that grew "widened", and the same change backwards "narrowed"', () => {
    const a = base()
    const b = changed((inv) => { webGroup(inv).IpPermissions![1]!.IpRanges![0]!.CidrIp = '81.2.0.0/16' })
    const d = diffSnapshots(a, b)
    expect(d.exposure).toHaveLength(1)
    expect(d.exposure[0]).toMatchObject({
      change: 'widened', protocol: 'tcp', ports: { from: 22, to: 22 }, sources: ['81.2.0.0/16'],
      // A /16 is still narrow in the shared breadth (broad is more than a /16, 65,536 addresses): low.
      addedSources: ['81.2.0.0/16'], removedSources: [], severity: 'low',
    })
    expect(d.exposure[0]!.causes.map((c) => [c.change, c.key])).toEqual([['added', 'tcp/22/81.2.0.0/16']])
    const back = diffSnapshots(b, a)
    expect(back.exposure).toHaveLength(1)
    expect(back.exposure[0]).toMatchObject({ change: 'narrowed', severity: 'info', sources: ['81.2.69.0/24'], removedSources: ['81.2.0.0/16'] })
    expect(back.exposure[0]!.causes.map((c) => [c.change, c.key])).toEqual([['removed', 'tcp/22/81.2.0.0/16']])
  })

  it('calls more ports next to open ones "widened", and closing them all "no longer exposed"', () => {
    const wider = changed((inv) => { Object.assign(webGroup(inv).IpPermissions![0]!, { FromPort: 443, ToPort: 450 }) })
    const d = diffSnapshots(base(), wider)
    expect(d.exposure.map((e) => [e.change, e.ports])).toEqual([['widened', { from: 444, to: 450 }]])
    const closed = changed((inv) => { webGroup(inv).IpPermissions = [] })
    const c = diffSnapshots(base(), closed)
    expect(c.exposure.map((e) => [e.change, e.protocol, e.ports, e.severity])).toEqual([
      ['no-longer-exposed', 'tcp', { from: 22, to: 22 }, 'info'],
      ['no-longer-exposed', 'tcp', { from: 443, to: 443 }, 'info'],
    ])
  })

  it('reports an interface that moved subnet as a relationship change', () => {
    const b = changed((inv) => { ec2(inv).NetworkInterfaces[0]!.SubnetId = 'subnet-priv' })
    const d = diffSnapshots(base(), b)
    expect(d.relationships).toEqual([expect.objectContaining({
      resourceId: 'eni-web', kind: 'network-interface', relation: 'subnetId',
      before: ['subnet-pub'], after: ['subnet-priv'], added: ['subnet-priv'], removed: ['subnet-pub'], severity: 'low',
    })])
    expect(d.resources.find((r) => r.id === 'eni-web')).toMatchObject({ change: 'modified', fields: [] })
    // Moving into the public subnet is graded higher than moving out of it.
    expect(diffSnapshots(b, base()).relationships[0]!.severity).toBe('medium')
  })

  it("reports changed groups and an instance's interfaces as relationship changes", () => {
    const b = changed((inv) => {
      ec2(inv).NetworkInterfaces[0]!.Groups = [{ GroupId: 'sg-other' }]
      ec2(inv).Reservations[0]!.Instances![0]!.NetworkInterfaces!.push({ NetworkInterfaceId: 'eni-extra', Attachment: { DeviceIndex: 1 } })
    })
    const rels = diffSnapshots(base(), b).relationships.map((r) => [r.resourceId, r.relation, r.added, r.removed])
    expect(rels).toEqual(expect.arrayContaining([
      ['eni-web', 'groupIds', ['sg-other'], ['sg-web']],
      ['i-web', 'networkInterfaceIds', ['eni-extra'], []],
    ]))
  })

  it('shows a changed NACL action as one modified entry, graded by its direction', () => {
    const deny = changed((inv) => {
      const acl = ec2(inv).NetworkAcls[0] as NetworkAcl
      acl.Entries![0]!.RuleAction = 'deny'
    })
    const d = diffSnapshots(base(), deny)
    const acl = d.resources.find((r) => r.id === 'acl-1')!
    expect(acl.rules).toHaveLength(1)
    expect(acl.rules[0]).toMatchObject({ collection: 'nacl-ingress', key: '100', change: 'modified', severity: 'info' })
    expect(acl.rules[0]!.summary).toBe('~ ingress rule 100 allow all traffic from 0.0.0.0/0 ⇒ ingress rule 100 deny all traffic from 0.0.0.0/0')
    expect(diffSnapshots(deny, base()).resources.find((r) => r.id === 'acl-1')!.rules[0]!.severity).toBe('medium')
  })

  it('compares routes by destination: a new target is one modified route', () => {
    const b = changed((inv) => {
      const rt = ec2(inv).RouteTables[1]!
      rt.Routes![1] = { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active', Origin: 'CreateRoute' }
    })
    const rt = diffSnapshots(base(), b).resources.find((r) => r.id === 'rtb-pub')!
    expect(rt.rules.map((r) => [r.collection, r.key, r.change, r.summary])).toEqual([
      ['routes', '0.0.0.0/0', 'modified', '~ 0.0.0.0/0 → igw-1 ⇒ 0.0.0.0/0 → nat-1'],
    ])
    expect(diffSnapshots(b, base()).resources.find((r) => r.id === 'rtb-pub')!.severity).toBe('medium')
  })

  it('lists added and removed resources, with an added group’s rules', () => {
    const b = changed((inv) => {
      ec2(inv).Reservations = []
      ec2(inv).SecurityGroups.push({ GroupId: 'sg-new', GroupName: 'new', VpcId: 'vpc-1', IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] })
    })
    const d = diffSnapshots(base(), b)
    expect(d.resources.find((r) => r.id === 'i-web')).toMatchObject({ change: 'removed', severity: 'low' })
    // A group no interface uses exposes nothing yet: its world-open rule is graded low, not critical.
    expect(d.resources.find((r) => r.id === 'sg-new')).toMatchObject({ change: 'added', severity: 'low' })
    expect(d.exposure.filter((e) => e.resourceId === 'sg-new').map((e) => [e.change, e.protocol, e.severity, e.affected]))
      .toEqual([['newly-exposed', 'icmp', 'low', []], ['newly-exposed', 'tcp', 'low', []], ['newly-exposed', 'udp', 'low', []]])
  })

  it('uses exposure analysis when given, and links the interface exposure to the group rule that opened it', () => {
    const b = changed((inv) => { webGroup(inv).IpPermissions!.push({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }) })
    // A stand-in for exposure analysis: the interface of i-web is exposed on what its group allows.
    const exposureOf = (s: Snapshot) => (s.resources.find((r) => r.id === 'sg-web')!.attributes.rules as SecurityGroupRule[])
      .filter((r) => !r.IsEgress && r.CidrIpv4)
      .map((r) => ({ resourceId: 'eni-web', protocol: 'tcp', ports: { from: r.FromPort!, to: r.ToPort! }, sources: [r.CidrIpv4!] }))
    const d = diffSnapshots(base(), b, { exposureOf, fromVersion: '1', toVersion: '2' })
    expect(d.exposureBasis).toBe('analysis')
    expect(d.from).toMatchObject({ version: '1' })
    expect(d.exposure).toEqual([expect.objectContaining({
      change: 'widened', severity: 'critical', resourceId: 'eni-web', resourceKind: 'network-interface',
      addedSources: ['0.0.0.0/0'], causes: [expect.objectContaining({ resourceId: 'sg-web', key: 'tcp/22/0.0.0.0/0', change: 'added' })],
    })])
  })
})
