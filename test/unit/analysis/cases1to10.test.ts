/** aws-network-semantics.md §10 correctness checklist, cases 1-10: one small environment each. */
import { describe, expect, it } from 'vitest'
import { addEni, addNacl, addSg, analyze, baseEnv, entry, setRoutes, tcp, traceRows } from './envBuilder.ts'

const WORLD = '0.0.0.0/0'
const OFFICE = '81.2.69.0/24'

describe('§10 case 1: rules of two security groups overlap (union)', () => {
  it('exposes the union, each port range credited to the broadest rule', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(20, 25, WORLD)])
    addSg(r, 'sg-b', [tcp(22, 30, OFFICE)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a', 'sg-b'], ip: '10.0.1.10', publicIp: '54.1.2.3', instanceId: 'i-1' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.protocol, e.ports, e.sources, e.via, e.completeness])).toEqual([
      ['tcp', [20, 25], [WORLD], 'direct', 'full'],
      ['tcp', [26, 30], [OFFICE], 'direct', 'full'],
    ])
    expect(exposures[0].resource).toBe('i-1')
    expect(traceRows(exposures[0])).toEqual([
      'igw allow igw-1 54.1.2.3>10.0.1.10',
      'nacl-in allow acl-default acl-default#100',
      'sg allow sg-a 0.0.0.0/0',
      'nacl-out allow acl-default acl-default#100',
      'route allow rtb-pub rtb-pub:0.0.0.0/0>igw-1',
    ])
    expect(traceRows(exposures[1])[2]).toBe('sg allow sg-b 81.2.69.0/24')
    // SSH is in the exposed range from the whole internet: a critical exposure.
    expect(exposures[0].severity).toBe('critical')
    expect(exposures[1].severity).toBe('low')
  })
})

describe("§10 case 2: a '-1' rule together with a narrow one", () => {
  it('exposes every protocol to the narrow source and the narrow port to the world', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: OFFICE }] }, tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    const rows = exposures.map((e) => `${e.protocol} ${e.ports.join('-')}${e.icmpCodes ? `/${e.icmpCodes.join('-')}` : ''} ${e.sources.join(',')}`)
    expect(rows).toEqual([
      'icmp 0-255/0-255 81.2.69.0/24',
      'other 0-65535 81.2.69.0/24',
      'tcp 0-442 81.2.69.0/24',
      'tcp 443-443 0.0.0.0/0',
      'tcp 444-65535 81.2.69.0/24',
      'udp 0-65535 81.2.69.0/24',
    ])
    expect(exposures.every((e) => e.completeness === 'full')).toBe(true)
  })

  it("collapses into one 'all' exposure when nothing narrower differs", () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: OFFICE }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.protocol, e.ports, e.sources])).toEqual([['all', [0, 65535], [OFFICE]]])
    expect(exposures[0].severity).toBe('low')
  })
})

describe('§10 case 3: NACL denies (rules 50, 60) before allow 100 on 0.0.0.0/0', () => {
  it('splits ports and sources by the first matching rule, and says which rule blocks the rest', () => {
    const r = baseEnv()
    addNacl(r, 'acl-web', ['subnet-pub'], [
      entry(50, false, 'deny', WORLD, '6', [22, 22]),
      entry(60, false, 'deny', OFFICE, '-1'),
      entry(100, false, 'allow', WORLD, '6', [0, 65535]),
      entry(100, true, 'allow', WORLD, '-1'),
    ])
    addSg(r, 'sg-a', [tcp(0, 1023, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures, blocked } = analyze(r)
    const worldButOffice = ['0.0.0.0/2', '64.0.0.0/4', '80.0.0.0/8', '81.0.0.0/15', '81.2.0.0/18', '81.2.64.0/22', '81.2.68.0/24',
      '81.2.70.0/23', '81.2.72.0/21', '81.2.80.0/20', '81.2.96.0/19', '81.2.128.0/17', '81.3.0.0/16', '81.4.0.0/14', '81.8.0.0/13',
      '81.16.0.0/12', '81.32.0.0/11', '81.64.0.0/10', '81.128.0.0/9', '82.0.0.0/7', '84.0.0.0/6', '88.0.0.0/5', '96.0.0.0/3', '128.0.0.0/1']
    expect(exposures.map((e) => [e.ports, e.sources])).toEqual([[[0, 21], worldButOffice], [[23, 1023], worldButOffice]])
    expect(traceRows(exposures[0])[1]).toBe('nacl-in allow acl-web acl-web#100')
    expect(blocked.map((b) => [b.ports, b.sources, b.blockedBy.check, b.blockedBy.ruleRef && 'ruleNumber' in b.blockedBy.ruleRef ? b.blockedBy.ruleRef.ruleNumber : null, b.blockedBy.code]))
      .toEqual([
        [[0, 21], [OFFICE], 'nacl-in', 60, 'SUBNET_ACL_RESTRICTION'],
        [[22, 22], [WORLD], 'nacl-in', 50, 'SUBNET_ACL_RESTRICTION'],
        [[23, 1023], [OFFICE], 'nacl-in', 60, 'SUBNET_ACL_RESTRICTION'],
      ])
  })
})

describe('§10 case 4: outbound NACL allows only 32768-65535', () => {
  it('reports partial exposure and the client families that still work', () => {
    const r = baseEnv()
    addNacl(r, 'acl-web', ['subnet-pub'], [entry(100, false, 'allow', WORLD), entry(100, true, 'allow', WORLD, '6', [32768, 65535])])
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures).toHaveLength(1)
    expect(exposures[0]).toMatchObject({ protocol: 'tcp', ports: [443, 443], sources: [WORLD], completeness: 'partial', clientFamilies: ['linux (32768-61000)', 'windows-macos (49152-65535)'] })
    const out = exposures[0].trace.find((s) => s.check === 'nacl-out')!
    expect(out).toMatchObject({ verdict: 'partial', code: 'SUBNET_ACL_RESTRICTION', ruleRef: { naclId: 'acl-web', ruleNumber: 100, egress: true } })
  })
})

describe('§10 case 5: default route to a NAT gateway while the interface has an Elastic IP', () => {
  it('is not exposed: replies leave through the NAT gateway', () => {
    const r = baseEnv()
    setRoutes(r, 'rtb-pub', [{ DestinationCidrBlock: WORLD, NatGatewayId: 'nat-1', State: 'active', Origin: 'CreateRoute' }])
    addSg(r, 'sg-a', [tcp(22, 22, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', secondary: [], publicIp: '52.10.0.1' })
    const { exposures, blocked } = analyze(r)
    expect(exposures).toEqual([])
    expect(blocked).toHaveLength(1)
    expect(blocked[0]).toMatchObject({ eni: 'eni-1', ports: [22, 22], sources: [WORLD] })
    expect(blocked[0].blockedBy).toMatchObject({ check: 'route', verdict: 'deny', code: 'CANNOT_ROUTE', ruleRef: { routeTableId: 'rtb-pub', destination: WORLD, target: 'nat-1' } })
  })
})

describe('§10 case 6: 0.0.0.0/0 → igw plus a more specific route → tgw', () => {
  it('carves the more specific range out of the sources', () => {
    const r = baseEnv()
    setRoutes(r, 'rtb-pub', [
      { DestinationCidrBlock: WORLD, GatewayId: 'igw-1', State: 'active', Origin: 'CreateRoute' },
      { DestinationCidrBlock: OFFICE, TransitGatewayId: 'tgw-1', State: 'active', Origin: 'CreateRoute' },
    ])
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures, blocked } = analyze(r)
    expect(exposures).toHaveLength(1)
    expect(exposures[0].sources).not.toContain(WORLD)
    expect(exposures[0].sources).toContain('81.2.68.0/24')
    expect(exposures[0].sources).toContain('81.2.70.0/23')
    expect(exposures[0].sources.some((c) => c.startsWith('81.2.69.'))).toBe(false)
    expect(blocked.map((b) => [b.sources, b.blockedBy.check, b.blockedBy.code, b.blockedBy.ruleRef]))
      .toEqual([[[OFFICE], 'route', 'MORE_SPECIFIC_ROUTE', { kind: 'route', routeTableId: 'rtb-pub', destination: OFFICE, target: 'tgw-1', state: 'active' }]])
  })
})

describe('§10 case 7: blackhole route to the internet gateway', () => {
  it('is not exposed, and names the blackhole route', () => {
    const r = baseEnv()
    setRoutes(r, 'rtb-pub', [{ DestinationCidrBlock: WORLD, GatewayId: 'igw-old', State: 'blackhole', Origin: 'CreateRoute' }])
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures, blocked } = analyze(r)
    expect(exposures).toEqual([])
    expect(blocked[0].blockedBy).toMatchObject({ check: 'route', code: 'BAD_STATE_ROUTE', ruleRef: { target: 'igw-old', state: 'blackhole' } })
  })
})

describe('§10 case 8: a secondary private IP with its own Elastic IP', () => {
  it('is exposed through that address, and the trace names the pair', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', secondary: [{ ip: '10.0.1.11', publicIp: '52.1.1.1' }] })
    const { exposures } = analyze(r)
    expect(exposures).toHaveLength(1)
    expect(exposures[0].trace[0]).toMatchObject({ check: 'igw', ruleRef: { kind: 'address', addresses: [{ public: '52.1.1.1', private: '10.0.1.11' }] } })
  })
})

describe('§10 case 9: IPv6 with an egress-only gateway vs an internet gateway', () => {
  it('exposes the IPv6 address only where ::/0 goes to the internet gateway', () => {
    const r = baseEnv()
    r.ec2.Subnets.push({ SubnetId: 'subnet-v6priv', VpcId: 'vpc-1', CidrBlock: '10.0.3.0/24', AvailabilityZone: 'eu-west-1a', Ipv6CidrBlockAssociationSet: [{ Ipv6CidrBlock: '2600:1f18:1:ff03::/64' }] })
    r.ec2.EgressOnlyInternetGateways.push({ EgressOnlyInternetGatewayId: 'eigw-1', Attachments: [{ VpcId: 'vpc-1', State: 'attached' }] })
    r.ec2.RouteTables.push({
      RouteTableId: 'rtb-v6priv', VpcId: 'vpc-1',
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }, { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1', State: 'active' }],
      Associations: [{ SubnetId: 'subnet-v6priv', RouteTableId: 'rtb-v6priv' }],
    })
    addSg(r, 'sg-a', [tcp(443, 443, '::/0')])
    addEni(r, { id: 'eni-pub', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', ipv6: ['2600:1f18:1:ff01::10'] })
    addEni(r, { id: 'eni-priv', subnet: 'subnet-v6priv', groups: ['sg-a'], ip: '10.0.3.10', ipv6: ['2600:1f18:1:ff03::10'] })
    const { exposures, blocked } = analyze(r)
    expect(exposures.map((e) => [e.eni, e.ports, e.sources])).toEqual([['eni-pub', [443, 443], ['::/0']]])
    expect(traceRows(exposures[0])).toEqual([
      'igw allow igw-1 2600:1f18:1:ff01::10>2600:1f18:1:ff01::10',
      'nacl-in allow acl-default acl-default#101',
      'sg allow sg-a ::/0',
      'nacl-out allow acl-default acl-default#101',
      'route allow rtb-pub rtb-pub:::/0>igw-1',
    ])
    expect(blocked.map((b) => [b.eni, b.blockedBy.check, b.blockedBy.ruleRef])).toEqual([
      ['eni-priv', 'route', { kind: 'route', routeTableId: 'rtb-v6priv', destination: '::/0', target: 'eigw-1', state: 'active' }],
    ])
  })
})

describe('§10 case 10: DenyAllIgwTraffic', () => {
  it('is not exposed even with a public address and an open group', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(443, 443, WORLD, '::/0')])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3', ipv6: ['2600:1f18:1:ff01::10'], denyAllIgw: true })
    const { exposures, blocked } = analyze(r)
    expect(exposures).toEqual([])
    expect(blocked.map((b) => [b.sources, b.blockedBy.check, b.blockedBy.code])).toEqual([
      [[WORLD], 'igw', 'DENY_ALL_IGW_TRAFFIC'],
      [['::/0'], 'igw', 'DENY_ALL_IGW_TRAFFIC'],
    ])
  })
})
