/** Issue 10: a load balancer whose interfaces were not collected is traced by what is missing, not by made-up addresses. */
import { describe, expect, it } from 'vitest'
import { addEni, addLoadBalancer, addSg, analyze, baseEnv, tcp } from './envBuilder.ts'

describe('ALB whose network interfaces were not collected', () => {
  it('names the subnets and the missing call instead of "node address, node address"', () => {
    const r = baseEnv()
    addSg(r, 'sg-alb', [tcp(443, 443, '0.0.0.0/0')], [tcp(8080, 8080, '10.0.0.0/16')])
    addSg(r, 'sg-app', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb', UserId: '123456789012' }] }])
    addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
    const arn = addLoadBalancer(r, {
      type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [],
      listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-app' }] },
    })
    const app = analyze(r).exposures.filter((e) => e.eni === 'eni-app')
    expect(app.map((e) => [e.via, e.ports, e.sources, e.severity])).toEqual([[`${arn}:443`, [8080, 8080], ['0.0.0.0/0'], 'low']])
    const igw = app[0]!.trace[0]!
    expect([igw.check, igw.component.id, igw.ruleRef, igw.summary]).toEqual(['igw', 'igw-1', undefined,
      "internet gateway igw-1 delivers traffic for the load balancer's nodes in subnet-pub; their public IPv4 addresses are unknown: the load balancer's network interfaces were not collected (DescribeNetworkInterfaces)"])
    expect(app[0]!.caveats.map((c) => c.code)).toEqual(['LB_NODES_NOT_COLLECTED'])
    expect(JSON.stringify(app[0]!.trace)).not.toContain('node address')
  })
})
