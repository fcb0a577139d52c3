import { describe, expect, it } from 'vitest'
import { analyzeFindings } from '../../../server/analysis/analyzeFindings.ts'
import { addEni, addNacl, addSg, analyze, baseEnv, entry, tcp } from './envBuilder.ts'

function findings(r: ReturnType<typeof baseEnv>) {
  const a = analyze(r)
  return analyzeFindings(a.model, { exposures: a.exposures, blocked: a.blocked, unknown: a.unknown, unknownEnis: a.unknownEnis, evaluator: a.evaluator })
}
const by = (fs: ReturnType<typeof findings>, check: string) => fs.filter((f) => f.check === check)

describe('findings', () => {
  it('rates an admin port by real exposure: critical when reachable from the world, medium when an open rule is blocked', () => {
    const r = baseEnv()
    addSg(r, 'sg-ssh', [tcp(22, 22, '0.0.0.0/0')])
    addEni(r, { id: 'eni-pub', subnet: 'subnet-pub', groups: ['sg-ssh'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const fs = findings(r)
    expect(by(fs, 'ADMIN_PORT_EXPOSED').map((f) => [f.severity, f.resourceIds[0], f.ports])).toEqual([['critical', 'eni-pub', [[22, 22]]]])
    expect(by(fs, 'OPEN_RULE_NOT_EXPOSED')).toEqual([])

    const p = baseEnv()
    addSg(p, 'sg-ssh', [tcp(22, 22, '0.0.0.0/0')])
    addEni(p, { id: 'eni-priv', subnet: 'subnet-app', groups: ['sg-ssh'], ip: '10.0.2.10' })
    const fp = findings(p)
    expect(by(fp, 'ADMIN_PORT_EXPOSED')).toEqual([])
    const open = by(fp, 'OPEN_RULE_NOT_EXPOSED')
    expect(open.map((f) => [f.severity, f.resourceIds[0]])).toEqual([['medium', 'sg-ssh']])
    expect(open[0].detail).toContain('first blocking layer is address')
  })

  it('flags all-traffic rules from the internet (high when they expose something)', () => {
    const r = baseEnv()
    addSg(r, 'sg-all', [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }])
    addEni(r, { id: 'eni-pub', subnet: 'subnet-pub', groups: ['sg-all'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const fs = findings(r)
    expect(by(fs, 'ALL_TRAFFIC_RULE').map((f) => f.severity)).toEqual(['high'])
    expect(by(fs, 'ALL_PORTS_EXPOSED').map((f) => f.severity)).toEqual(['high'])
    expect(by(fs, 'ADMIN_PORT_EXPOSED').map((f) => f.severity)).toEqual(['critical'])
  })

  it('finds unused groups (references from other groups count), stale references and the default group in use', () => {
    const r = baseEnv()
    addSg(r, 'sg-unused', [])
    addSg(r, 'sg-referenced', [])
    addSg(r, 'sg-user', [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-referenced' }, { GroupId: 'sg-deleted' }] }])
    addSg(r, 'sg-default', [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-default' }] }], undefined, 'default')
    addEni(r, { id: 'eni-1', subnet: 'subnet-app', groups: ['sg-user', 'sg-default'], ip: '10.0.2.10' })
    const fs = findings(r)
    expect(by(fs, 'UNUSED_SECURITY_GROUP').map((f) => f.resourceIds[0])).toEqual(['sg-unused'])
    expect(by(fs, 'STALE_SG_REFERENCE').map((f) => f.resourceIds[2])).toEqual(['sg-deleted'])
    expect(by(fs, 'DEFAULT_SG_IN_USE').map((f) => [f.severity, f.resourceIds])).toEqual([['medium', ['sg-default', 'eni-1']]])
    expect(by(fs, 'DEFAULT_SG_HAS_RULES').map((f) => f.resourceIds[0])).toEqual(['sg-default'])
  })

  it('finds NACL allow-all, shadowed NACL rules, blackhole routes and public IPs without an internet route', () => {
    const r = baseEnv()
    addNacl(r, 'acl-app', ['subnet-app'], [
      entry(100, false, 'allow', '10.0.0.0/16'),
      entry(110, false, 'deny', '10.0.1.0/24', '6', [22, 22]),
      entry(100, true, 'allow', '0.0.0.0/0'),
    ])
    r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-main')!.Routes!.push({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-gone', State: 'blackhole' })
    addSg(r, 'sg-a', [])
    addEni(r, { id: 'eni-odd', subnet: 'subnet-app', groups: ['sg-a'], ip: '10.0.2.10', publicIp: '54.1.2.9' })
    const fs = findings(r)
    expect(by(fs, 'NACL_ALLOW_ALL').map((f) => f.resourceIds[0])).toEqual(['acl-default'])
    expect(by(fs, 'SHADOWED_NACL_RULE').map((f) => f.id)).toEqual(['SHADOWED_NACL_RULE:acl-app:ingress:110'])
    expect(by(fs, 'BLACKHOLE_ROUTE').map((f) => f.resourceIds[0])).toEqual(['rtb-main'])
    expect(by(fs, 'PUBLIC_IP_WITHOUT_INTERNET_ROUTE').map((f) => f.resourceIds[0])).toEqual(['eni-odd'])
  })

  it('judges NACL allow-all with its outbound rules: no defence in depth only when the replies get out too', () => {
    const r = baseEnv()
    addNacl(r, 'acl-drops-replies', ['subnet-app'], [entry(100, false, 'allow', '0.0.0.0/0'), entry(100, true, 'allow', '10.0.0.0/16')])
    addNacl(r, 'acl-some-replies', ['subnet-pub'], [entry(100, false, 'allow', '0.0.0.0/0'), entry(100, true, 'allow', '0.0.0.0/0', '6', [32768, 65535])])
    const fs = by(findings(r), 'NACL_ALLOW_ALL')
    expect(fs.map((f) => [f.resourceIds[0], f.severity, f.title, f.detail])).toEqual([
      ['acl-default', 'low', 'Network ACL allows all traffic in and out',
        'acl-default (default) inbound rule 100 allows all protocols from 0.0.0.0/0 before any deny, and outbound rule 100 lets every reply out: it adds no defence in depth.'],
      ['acl-drops-replies', 'info', 'Network ACL allows all inbound traffic; its outbound rules filter',
        'acl-drops-replies inbound rule 100 allows all protocols from 0.0.0.0/0 before any deny, but its outbound rules drop every TCP and UDP reply to the internet, so no connection from the internet completes through it (outbound rule * denies 0.0.0.0/0): the outbound rules are the filter.'],
      ['acl-some-replies', 'info', 'Network ACL allows all inbound traffic; its outbound rules filter',
        'acl-some-replies inbound rule 100 allows all protocols from 0.0.0.0/0 before any deny, but its outbound rules let only some TCP and UDP replies out to the internet (outbound rule * denies 0.0.0.0/0): the outbound rules are the filter.'],
    ])
  })

  it('lists findings most severe first', () => {
    const r = baseEnv()
    addSg(r, 'sg-ssh', [tcp(22, 22, '0.0.0.0/0')])
    addSg(r, 'sg-unused', [])
    addEni(r, { id: 'eni-pub', subnet: 'subnet-pub', groups: ['sg-ssh'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const order = ['critical', 'high', 'medium', 'low', 'info']
    const sev = findings(r).map((f) => order.indexOf(f.severity))
    expect(sev).toEqual([...sev].sort((a, b) => a - b))
    expect(sev[0]).toBe(0)
  })
})
