/** aws-network-semantics.md §10 correctness checklist, cases 11-20: one small environment each. */
import { describe, expect, it } from 'vitest'
import { addEni, addLoadBalancer, addNacl, addSg, analyze, baseEnv, entry, LB_ARN, setRoutes, tcp, traceRows } from './envBuilder.ts'

const WORLD = '0.0.0.0/0'
const OFFICE = '81.2.69.0/24'

describe('§10 case 11: Block Public Access block-ingress with a subnet exclusion', () => {
  it('blocks the VPC, except the excluded subnet', () => {
    const r = baseEnv()
    // BlockPublicAccessStates is an SDK field the shared schema does not declare (its objects are open).
    Object.assign(r.ec2.Vpcs[0], { BlockPublicAccessStates: { InternetGatewayBlockMode: 'block-ingress' } })
    r.ec2.Subnets.push(Object.assign({ SubnetId: 'subnet-excl', VpcId: 'vpc-1', CidrBlock: '10.0.4.0/24', AvailabilityZone: 'eu-west-1a' }, { BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' } }))
    r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-pub')!.Associations!.push({ SubnetId: 'subnet-excl', RouteTableId: 'rtb-pub' })
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-blocked', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    addEni(r, { id: 'eni-excluded', subnet: 'subnet-excl', groups: ['sg-a'], ip: '10.0.4.10', publicIp: '54.1.2.4' })
    const { exposures, blocked } = analyze(r)
    expect(exposures.map((e) => [e.eni, e.sources])).toEqual([['eni-excluded', [WORLD]]])
    expect(traceRows(exposures[0]).slice(0, 2)).toEqual(['igw allow igw-1 54.1.2.4>10.0.4.10', 'bpa allow subnet-excl BPA_EXCLUSION'])
    expect(blocked.map((b) => [b.eni, b.blockedBy.check, b.blockedBy.code])).toEqual([['eni-blocked', 'bpa', 'VPC_BLOCK_PUBLIC_ACCESS']])
  })
})

describe('§10 case 12: ALB target security group referencing the ALB security group', () => {
  it('exposes the target via the ALB listener, with both hops in the trace', () => {
    const r = baseEnv()
    addSg(r, 'sg-alb', [tcp(443, 443, WORLD)], [tcp(8080, 8080, '10.0.0.0/16')])
    addSg(r, 'sg-app', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb', UserId: '123456789012' }] }])
    addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
    const arn = addLoadBalancer(r, {
      type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.20', publicIp: '54.9.9.9' }],
      listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
    const { exposures } = analyze(r)
    const node = exposures.find((e) => e.eni === 'eni-web-0')!
    expect(node).toMatchObject({ resource: arn, via: 'direct', protocol: 'tcp', ports: [443, 443], sources: [WORLD] })
    const app = exposures.filter((e) => e.eni === 'eni-app')
    expect(app.map((e) => [e.via, e.resource, e.protocol, e.ports, e.sources, e.completeness])).toEqual([[`${arn}:443`, 'i-app', 'tcp', [8080, 8080], [WORLD], 'full']])
    expect(app[0].lb).toMatchObject({ listenerPort: 443, targetPort: 8080, clientIpPreserved: false })
    expect(traceRows(app[0])).toEqual([
      'igw allow igw-1 54.9.9.9>10.0.1.20',
      'nacl-in allow acl-default acl-default#100',
      'sg allow sg-alb 0.0.0.0/0',
      'nacl-out allow acl-default acl-default#100',
      'route allow rtb-pub rtb-pub:0.0.0.0/0>igw-1',
      'lb-listener allow ' + `${arn.replace(':loadbalancer/', ':listener/')}/l443 HTTPS:443`,
      `lb-target allow ${app[0].lb!.targetGroupArn} i-app:8080`,
      'lb-sg-egress allow sg-alb 10.0.0.0/16',
      'nacl-out allow acl-default acl-default#100',
      'nacl-in allow acl-default acl-default#100',
      'target-sg allow sg-app sg-alb',
      'nacl-out allow acl-default acl-default#100',
      'nacl-in allow acl-default acl-default#100',
    ])
    // Via an ALB the internet sees HTTPS 443: a web port (low), not a high-risk 8080.
    expect(app[0].severity).toBe('low')
  })

  it('is not exposed when the target group admits neither the ALB group nor its addresses', () => {
    const r = baseEnv()
    addSg(r, 'sg-alb', [tcp(443, 443, WORLD)])
    addSg(r, 'sg-app', [tcp(8080, 8080, '192.168.0.0/16')])
    addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
    addLoadBalancer(r, {
      type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.20', publicIp: '54.9.9.9' }],
      listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
    const { exposures, blocked } = analyze(r)
    expect(exposures.filter((e) => e.eni === 'eni-app')).toEqual([])
    const b = blocked.find((x) => x.eni === 'eni-app')!
    expect(b.via).toBe(`${LB_ARN('app', 'web')}:443`)
    expect(b.blockedBy).toMatchObject({ check: 'target-sg', code: 'ENI_SG_RULES_MISMATCH' })
  })
})

describe('§10 case 13: NLB without security groups, instance targets, target group open to 0.0.0.0/0', () => {
  it('exposes the target only through the listener, with the client addresses preserved', () => {
    const r = baseEnv()
    addSg(r, 'sg-app', [tcp(80, 80, WORLD)])
    addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
    const arn = addLoadBalancer(r, {
      type: 'net', name: 'edge', subnets: ['subnet-pub'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.30', publicIp: '54.8.8.8' }],
      listener: { port: 80, protocol: 'TCP' }, targetGroup: { protocol: 'TCP', port: 80, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
    const { exposures, blocked } = analyze(r)
    const app = exposures.filter((e) => e.eni === 'eni-app')
    expect(app.map((e) => [e.via, e.ports, e.sources, e.lb?.clientIpPreserved])).toEqual([[`${arn}:80`, [80, 80], [WORLD], true]])
    const rows = traceRows(app[0])
    expect(rows[2]).toBe(`sg allow ${arn} NLB_WITHOUT_SECURITY_GROUPS`)
    expect(rows).toContain('target-sg allow sg-app 0.0.0.0/0')
    expect(rows.some((x) => x.startsWith('lb-sg-egress'))).toBe(false)
    // Not exposed directly: the instance has no public address.
    expect(blocked.filter((b) => b.eni === 'eni-app' && b.via === 'direct').map((b) => b.blockedBy.code)).toEqual(['IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS'])
  })
})

describe('§10 case 14: NLB ip target with client IP preservation off', () => {
  it('checks the target group against the NLB node addresses, not the clients', () => {
    const r = baseEnv()
    addSg(r, 'sg-ip', [tcp(8080, 8080, '10.0.1.0/24')])
    addSg(r, 'sg-ip2', [tcp(8080, 8080, WORLD)])
    addEni(r, { id: 'eni-ip', subnet: 'subnet-app', groups: ['sg-ip'], ip: '10.0.2.20' })
    addEni(r, { id: 'eni-ip2', subnet: 'subnet-app', groups: ['sg-ip2'], ip: '10.0.2.21' })
    const arn = addLoadBalancer(r, {
      type: 'net', name: 'api', subnets: ['subnet-pub'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.31', publicIp: '54.8.8.9' }],
      listener: { port: 443, protocol: 'TCP' }, targetGroup: { protocol: 'TCP', port: 8080, targetType: 'ip', targets: [{ id: '10.0.2.20' }, { id: '10.0.2.21' }] },
    })
    const { exposures } = analyze(r)
    const ip = exposures.filter((e) => e.via !== 'direct')
    expect(ip.map((e) => [e.eni, e.via, e.ports, e.sources, e.lb?.clientIpPreserved])).toEqual([
      ['eni-ip', `${arn}:443`, [8080, 8080], [WORLD], false],
      ['eni-ip2', `${arn}:443`, [8080, 8080], [WORLD], false],
    ])
    expect(traceRows(ip[0])).toContain('target-sg allow sg-ip 10.0.1.0/24')
  })

  it('with preservation on, the target group must admit the clients themselves', () => {
    const r = baseEnv()
    addSg(r, 'sg-ip', [tcp(8080, 8080, '10.0.1.0/24', OFFICE)])
    addEni(r, { id: 'eni-ip', subnet: 'subnet-app', groups: ['sg-ip'], ip: '10.0.2.20' })
    addLoadBalancer(r, {
      type: 'net', name: 'api', subnets: ['subnet-pub'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.31', publicIp: '54.8.8.9' }],
      listener: { port: 443, protocol: 'TCP' },
      targetGroup: { protocol: 'TCP', port: 8080, targetType: 'ip', targets: [{ id: '10.0.2.20' }], attributes: { 'preserve_client_ip.enabled': 'true' } },
    })
    const { exposures } = analyze(r)
    expect(exposures.filter((e) => e.eni === 'eni-ip').map((e) => [e.sources, e.lb?.clientIpPreserved])).toEqual([[[OFFICE], true]])
  })
})

describe('§10 case 15: stale reference to a peered security group', () => {
  it('matches nothing: no exposure, nothing blocked', () => {
    const r = baseEnv()
    r.ec2.SecurityGroupRules.push({
      SecurityGroupRuleId: 'sgr-stale', GroupId: 'sg-a', GroupOwnerId: '123456789012', IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22,
      ReferencedGroupInfo: { GroupId: 'sg-peer', UserId: '210987654321', VpcId: 'vpc-peer', VpcPeeringConnectionId: 'pcx-gone', PeeringStatus: 'deleted' },
    })
    addSg(r, 'sg-a', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-peer', UserId: '210987654321', VpcPeeringConnectionId: 'pcx-gone', PeeringStatus: 'deleted' }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures, blocked, model } = analyze(r)
    expect(exposures).toEqual([])
    expect(blocked).toEqual([])
    expect(model.securityGroups.get('sg-a')!.ingress[0]).toMatchObject({ id: 'sgr-stale', peerKind: 'security-group', stale: 'peering pcx-gone is deleted' })
  })
})

describe('§10 case 16: prefix list as the source', () => {
  it('expands the prefix list into its CIDRs and cites it', () => {
    const r = baseEnv()
    r.ec2.ManagedPrefixLists.push({ PrefixListId: 'pl-office', PrefixListName: 'offices', AddressFamily: 'IPv4', MaxEntries: 5 })
    r.ec2.PrefixListEntries['pl-office'] = [{ Cidr: OFFICE }, { Cidr: '62.30.112.0/24' }]
    addSg(r, 'sg-a', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-office' }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.ports, e.sources, e.breadth, e.severity])).toEqual([[[22, 22], ['62.30.112.0/24', OFFICE], 'narrow', 'low']])
    expect(traceRows(exposures[0])[2]).toBe('sg allow sg-a pl-office')
  })
})

describe('§10 case 17: ICMP type and code', () => {
  it('exposes echo request (type 8, all codes) fully when echo replies may leave', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: WORLD }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.protocol, e.ports, e.icmpCodes, e.completeness, e.severity])).toEqual([['icmp', [8, 8], [0, 255], 'full', 'low']])
  })

  it('is partial when the NACL lets the ping in but not its echo reply out', () => {
    const r = baseEnv()
    addNacl(r, 'acl-x', ['subnet-pub'], [
      { RuleNumber: 100, Protocol: '1', RuleAction: 'allow', Egress: false, CidrBlock: WORLD, IcmpTypeCode: { Type: 8, Code: 0 } },
      { RuleNumber: 100, Protocol: '1', RuleAction: 'allow', Egress: true, CidrBlock: WORLD, IcmpTypeCode: { Type: 3, Code: -1 } },
    ])
    addSg(r, 'sg-a', [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: WORLD }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    // Only type 8 code 0 passes the inbound NACL; every other type/code is stopped by its `*` rule.
    expect(exposures.map((e) => [e.protocol, e.ports, e.icmpCodes, e.completeness])).toEqual([['icmp', [8, 8], [0, 0], 'partial']])
    expect(exposures[0].trace.find((s) => s.check === 'nacl-out')).toMatchObject({ verdict: 'partial' })
  })
})

describe("§10 case 18: protocol '50' (ESP)", () => {
  it('matches every port whatever range was written', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [{ IpProtocol: '50', FromPort: 500, ToPort: 500, IpRanges: [{ CidrIp: OFFICE }] }])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.protocol, e.ports, e.sources])).toEqual([['50', [0, 65535], [OFFICE]]])
  })
})

describe('§10 case 19: load balancer and target in the same subnet', () => {
  it('skips the NACL pair on hop 2', () => {
    const r = baseEnv()
    // Inbound allows only 443 from the world: 8080 from the LB would be denied if the NACL applied.
    addNacl(r, 'acl-pub', ['subnet-pub'], [entry(100, false, 'allow', WORLD, '6', [443, 443]), entry(100, true, 'allow', WORLD, '6', [1024, 65535])])
    addSg(r, 'sg-alb', [tcp(443, 443, WORLD)], [tcp(8080, 8080, '10.0.1.0/24')])
    addSg(r, 'sg-app', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }])
    addEni(r, { id: 'eni-app', subnet: 'subnet-pub', groups: ['sg-app'], ip: '10.0.1.50', instanceId: 'i-app' })
    const arn = addLoadBalancer(r, {
      type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.20', publicIp: '54.9.9.9' }],
      listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
    const { exposures } = analyze(r)
    const app = exposures.filter((e) => e.eni === 'eni-app')
    expect(app.map((e) => [e.via, e.sources])).toEqual([[`${arn}:443`, [WORLD]]])
    const rows = traceRows(app[0])
    const afterTarget = rows.slice(rows.findIndex((x) => x.startsWith('lb-target')) + 1)
    expect(afterTarget).toEqual(['lb-sg-egress allow sg-alb 10.0.1.0/24', 'target-sg allow sg-app sg-alb'])
  })
})

describe('§10 case 20: gateway route table redirects inbound traffic to an appliance', () => {
  it('stays exposed through the appliance, with the redirect in the trace and a caveat', () => {
    const r = baseEnv()
    r.ec2.RouteTables.push({
      RouteTableId: 'rtb-edge', VpcId: 'vpc-1',
      Routes: [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' }, { DestinationCidrBlock: '10.0.1.0/24', NetworkInterfaceId: 'eni-fw', State: 'active' }],
      Associations: [{ GatewayId: 'igw-1', RouteTableId: 'rtb-edge' }],
    })
    setRoutes(r, 'rtb-pub', [{ DestinationCidrBlock: WORLD, NetworkInterfaceId: 'eni-fw', State: 'active' }])
    addSg(r, 'sg-a', [tcp(443, 443, WORLD)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures.map((e) => [e.eni, e.sources, e.caveats.map((c) => c.code)])).toEqual([['eni-1', [WORLD], ['INGRESS_RTB_TRAFFIC_REDIRECTION']]])
    expect(traceRows(exposures[0])).toEqual([
      'igw allow igw-1 54.1.2.3>10.0.1.10',
      'ingress-routing allow rtb-edge rtb-edge:10.0.1.0/24>eni-fw INGRESS_RTB_TRAFFIC_REDIRECTION',
      'nacl-in allow acl-default acl-default#100',
      'sg allow sg-a 0.0.0.0/0',
      'nacl-out allow acl-default acl-default#100',
      'route allow rtb-pub rtb-pub:0.0.0.0/0>eni-fw',
    ])
  })
})
