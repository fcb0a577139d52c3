/**
 * Policies on small SDK-shaped inventories (test/unit/analysis/envBuilder): each scope kind violated
 * and satisfied, violations traced to the rules that decided them, and acceptances matched by check,
 * resource, tag, port, protocol and source, with expiry and staleness.
 */
import { describe, expect, it } from 'vitest'
import type { RegionInventory } from '../../../shared/index.ts'
import { analyzeSnapshot } from '../../../server/analysis/analyzeSnapshot.ts'
import { evaluatePolicy } from '../../../server/policy/evaluatePolicy.ts'
import { parsePolicy } from '../../../server/policy/parsePolicy.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { addEni, addLoadBalancer, addNacl, addSg, baseEnv, entry, inventory, setRoutes, tcp, traceRows } from '../analysis/envBuilder.ts'

const TODAY = '2026-12-02'

function run(r: RegionInventory, policyYaml: string) {
  const snapshot = normalize(inventory(r))
  return evaluatePolicy(parsePolicy(policyYaml, 'vpclens.policy.yaml'), snapshot, analyzeSnapshot(snapshot), TODAY)
}

function tagInstance(r: RegionInventory, instanceId: string, tags: Record<string, string>): void {
  const i = r.ec2.Reservations.flatMap((x) => x.Instances ?? []).find((x) => x.InstanceId === instanceId)!
  i.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}

/** A database in the public subnet, tagged tier=db on its instance; `open` opens 5432 to the world. */
function dbEnv(open: boolean, publicIp = true): RegionInventory {
  const r = baseEnv()
  addSg(r, 'sg-db', [tcp(5432, 5432, open ? '0.0.0.0/0' : '10.0.0.0/16')])
  addEni(r, { id: 'eni-db', subnet: 'subnet-pub', groups: ['sg-db'], ip: '10.0.1.20', ...(publicIp ? { publicIp: '54.1.2.20' } : {}), instanceId: 'i-db' })
  tagInstance(r, 'i-db', { tier: 'db', team: 'data' })
  return r
}

const DB_SCOPE = `scopes:
  - id: db-private
    kind: not-internet-reachable
    resources: { tag: "tier=db" }
    severity: critical
`

describe('scope: not-internet-reachable', () => {
  it('is violated by an exposure of a tagged instance, with the exposure trace naming the deciding rules', () => {
    const ev = run(dbEnv(true), DB_SCOPE)
    const [s] = ev.scopes
    expect([s.id, s.status, s.severity]).toEqual(['db-private', 'violated', 'critical'])
    expect(s.violations.map((v) => [v.title, v.resourceIds, v.protocol, v.ports])).toEqual([
      ['eni-db (i-db) is reachable from the internet on tcp 5432', ['eni-db', 'i-db'], 'tcp', [5432, 5432]],
    ])
    const ruleRefs = s.violations[0].trace.map((t) => t.ruleRef?.kind)
    expect(ruleRefs).toEqual(['address', 'nacl-entry', 'sg-rule', 'nacl-entry', 'route'])
    expect(traceRows(s.violations[0])).toContain('sg allow sg-db 0.0.0.0/0')
    expect(traceRows(s.violations[0])).toContain('route allow rtb-pub rtb-pub:0.0.0.0/0>igw-1')
  })
  it('holds when the tagged instance has no public address, or its rule admits only the VPC', () => {
    expect(run(dbEnv(true, false), DB_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [], unknown: [] })
    expect(run(dbEnv(false), DB_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [] })
  })
})

/** A web server behind an ALB (private subnet) and, with `direct`, one with its own public IP. */
function webEnv(direct: boolean): RegionInventory {
  const r = baseEnv()
  addSg(r, 'sg-alb', [tcp(443, 443, '0.0.0.0/0')])
  addSg(r, 'sg-web', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb' }] }, ...(direct ? [tcp(443, 443, '0.0.0.0/0')] : [])])
  addEni(r, { id: 'eni-web', subnet: direct ? 'subnet-pub' : 'subnet-app', groups: ['sg-web'], ip: direct ? '10.0.1.30' : '10.0.2.30', ...(direct ? { publicIp: '54.1.2.30' } : {}), instanceId: 'i-web' })
  addLoadBalancer(r, {
    type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.5', publicIp: '54.1.2.5' }],
    listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: [{ id: 'i-web' }] },
  })
  return r
}

const LB_SCOPE = 'scopes:\n  - id: only-lbs\n    kind: only-load-balancers-internet-facing\n'

describe('scope: only-load-balancers-internet-facing', () => {
  it('holds when the internet reaches instances only through the load balancer', () => {
    const ev = run(webEnv(false), LB_SCOPE)
    expect(ev.scopes[0]).toMatchObject({ status: 'holds', severity: 'high', violations: [] })
  })
  it('is violated by an instance reachable directly', () => {
    const [s] = run(webEnv(true), LB_SCOPE).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => [v.title, v.severity])).toEqual([['eni-web (i-web) is internet-facing on tcp 443 without a load balancer', 'high']])
    expect(traceRows(s.violations[0])).toContain('sg allow sg-web 0.0.0.0/0')
  })
})

function sshEnv(extra?: string): RegionInventory {
  const r = baseEnv()
  r.ec2.ManagedPrefixLists.push({ PrefixListId: 'pl-office', PrefixListName: 'offices', AddressFamily: 'IPv4', MaxEntries: 5 })
  r.ec2.PrefixListEntries['pl-office'] = [{ Cidr: '198.51.100.0/24' }]
  addSg(r, 'sg-ssh', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-office' }] }, ...(extra ? [tcp(22, 22, extra)] : [])])
  addEni(r, { id: 'eni-bastion', subnet: 'subnet-pub', groups: ['sg-ssh'], ip: '10.0.1.40', publicIp: '54.1.2.40', instanceId: 'i-bastion' })
  return r
}

const SSH_SCOPE = 'scopes:\n  - id: ssh-office\n    kind: allowed-internet-sources\n    port: 22\n    sources: [pl-office, 203.0.113.7/32]\n'

describe('scope: allowed-internet-sources', () => {
  it('holds when SSH comes only from the prefix list (or the extra CIDR)', () => {
    expect(run(sshEnv(), SSH_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [] })
    expect(run(sshEnv('203.0.113.7/32'), SSH_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [] })
  })
  it('is violated by SSH from elsewhere, listing only the sources outside the list', () => {
    const [s] = run(sshEnv('81.2.69.0/24'), SSH_SCOPE).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => [v.resourceIds, v.sources])).toEqual([[['eni-bastion', 'i-bastion'], ['81.2.69.0/24']]])
    // The trace names the rule that admits the extra source.
    expect(s.violations[0].trace.find((t) => t.check === 'sg')?.ruleRef).toMatchObject({ kind: 'sg-rule', groupId: 'sg-ssh' })
  })
  it('is unknown, not violated, when the prefix list was not collected', () => {
    const [s] = run(sshEnv('81.2.69.0/24'), SSH_SCOPE.replace('pl-office', 'pl-missing')).scopes
    expect(s.status).toBe('unknown')
    expect(s.unknown).toEqual(['prefix list pl-missing is not in this version (GetManagedPrefixListEntries not collected?): its sources cannot be checked'])
  })
})

/** A web server in the public subnet and a database in the app subnet, tagged tier=db. */
function pathEnv(dbIngress: Parameters<typeof addSg>[2]): RegionInventory {
  const r = baseEnv()
  addSg(r, 'sg-web', [])
  addSg(r, 'sg-app', [])
  addSg(r, 'sg-db', dbIngress)
  addEni(r, { id: 'eni-web', subnet: 'subnet-pub', groups: ['sg-web'], ip: '10.0.1.50', instanceId: 'i-web' })
  addEni(r, { id: 'eni-db', subnet: 'subnet-app', groups: ['sg-db'], ip: '10.0.2.50', instanceId: 'i-db' })
  tagInstance(r, 'i-db', { tier: 'db' })
  return r
}

const PATH_SCOPE = 'scopes:\n  - id: public-not-to-db\n    kind: no-path\n    from: { subnet: subnet-pub }\n    to: { tag: tier=db }\n    port: 5432\n    severity: medium\n'

describe('scope: no-path', () => {
  it('is violated by a path, traced from the source egress to the destination rule', () => {
    const [s] = run(pathEnv([tcp(5432, 5432, '10.0.1.0/24')]), PATH_SCOPE).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => [v.title, v.severity, v.resourceIds])).toEqual([
      ['eni-web can reach eni-db on tcp 5432', 'medium', ['eni-db', 'i-db', 'eni-web', 'i-web']],
    ])
    expect(traceRows(s.violations[0])).toEqual([
      'sg-egress allow sg-web 0.0.0.0/0',
      'route allow rtb-pub rtb-pub:10.0.0.0/16>local',
      'nacl-out allow acl-default acl-default#100',
      'nacl-in allow acl-default acl-default#100',
      'sg allow sg-db 10.0.1.0/24',
      'nacl-out allow acl-default acl-default#100',
      'nacl-in allow acl-default acl-default#100',
      'route allow rtb-main rtb-main:10.0.0.0/16>local',
    ])
  })
  it('holds when the database admits only another group, or another port', () => {
    const onlyApp = [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: 'sg-app' }] }]
    expect(run(pathEnv(onlyApp), PATH_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [], unknown: [] })
    expect(run(pathEnv([tcp(6379, 6379, '10.0.1.0/24')]), PATH_SCOPE).scopes[0]).toMatchObject({ status: 'holds', violations: [] })
  })
  it('is violated by a neighbour with the same subnet and groups as the one destination (it is not its own path)', () => {
    const r = pathEnv([tcp(5432, 5432, '10.0.2.0/24')])
    addEni(r, { id: 'eni-worker', subnet: 'subnet-app', groups: ['sg-db'], ip: '10.0.2.40', instanceId: 'i-worker' })
    const scope = 'scopes:\n  - id: app-not-to-db\n    kind: no-path\n    from: { subnet: subnet-app }\n    to: { resource: eni-db }\n    port: 5432\n'
    const [s] = run(r, scope).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => v.title)).toEqual(['eni-worker can reach eni-db on tcp 5432'])
    // Only eni-db itself as a source: no path.
    const alone = 'scopes:\n  - id: db-not-to-db\n    kind: no-path\n    from: { resource: eni-db }\n    to: { resource: eni-db }\n    port: 5432\n'
    expect(run(r, alone).scopes[0]).toMatchObject({ status: 'holds', violations: [] })
  })
  /** Two web servers in the public subnet (eni-a 10.0.1.5, eni-b 10.0.1.7, same groups) and the database behind a NACL. */
  function naclEnv(dbNaclEntries: Parameters<typeof addNacl>[3]): RegionInventory {
    const r = pathEnv([tcp(5432, 5432, '10.0.1.0/24')])
    r.ec2.NetworkInterfaces = r.ec2.NetworkInterfaces.filter((e) => e.NetworkInterfaceId !== 'eni-web')
    r.ec2.Reservations = r.ec2.Reservations.filter((x) => x.Instances?.[0]?.InstanceId !== 'i-web')
    addEni(r, { id: 'eni-a', subnet: 'subnet-pub', groups: ['sg-web'], ip: '10.0.1.5', instanceId: 'i-a' })
    addEni(r, { id: 'eni-b', subnet: 'subnet-pub', groups: ['sg-web'], ip: '10.0.1.7', instanceId: 'i-b' })
    addNacl(r, 'acl-db', ['subnet-app'], [...dbNaclEntries, entry(100, true, 'allow', '0.0.0.0/0')])
    return r
  }
  it('is violated by the one source a NACL entry narrower than its subnet lets through (not answered by a blocked neighbour)', () => {
    const [s] = run(naclEnv([entry(100, false, 'allow', '10.0.1.7/32', '6', [5432, 5432])]), PATH_SCOPE).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => v.title)).toEqual(['eni-b can reach eni-db on tcp 5432'])
    expect(traceRows(s.violations[0])).toContain('nacl-in allow acl-db acl-db#100')
    // Only the pair traced is claimed: no "same holds for 2 sources".
    expect(s.violations[0].detail).not.toContain('The same holds')
  })
  it('is violated by the other source when a NACL entry denies one address, and holds when that is the only source', () => {
    const r = naclEnv([entry(90, false, 'deny', '10.0.1.5/32'), entry(100, false, 'allow', '10.0.1.0/24')])
    const [s] = run(r, PATH_SCOPE).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => v.title)).toEqual(['eni-b can reach eni-db on tcp 5432'])
    const onlyA = 'scopes:\n  - id: a-not-to-db\n    kind: no-path\n    from: { resource: eni-a }\n    to: { tag: tier=db }\n    port: 5432\n'
    expect(run(r, onlyA).scopes[0]).toMatchObject({ status: 'holds', violations: [], unknown: [] })
  })
  it('counts the pairs that reach when the pair of subnets is traced one by one', () => {
    const r = naclEnv([entry(90, false, 'deny', '10.0.1.5/32'), entry(100, false, 'allow', '10.0.1.0/24')])
    addEni(r, { id: 'eni-c', subnet: 'subnet-pub', groups: ['sg-web'], ip: '10.0.1.9', instanceId: 'i-c' })
    const [s] = run(r, PATH_SCOPE).scopes
    expect(s.violations.map((v) => v.title)).toEqual(['eni-b can reach eni-db on tcp 5432'])
    expect(s.violations[0].detail).toContain('2 pairs of the 3 source and 1 destination interface(s)')
    expect(s.violations[0].detail).toContain('network ACL acl-db singles out addresses within subnet-pub')
  })
  it('is unknown, not holds, when a split pair of subnets needs more pairs traced than the limit', () => {
    const r = naclEnv([entry(100, false, 'allow', '10.0.1.7/32', '6', [5432, 5432])])
    // 150 sources × 140 destinations = 21,000 pairs, over MAX_PAIR_TRACES (20,000).
    for (let i = 0; i < 148; i++) addEni(r, { id: `eni-s${i}`, subnet: 'subnet-pub', groups: ['sg-web'], ip: `10.0.1.${20 + i}` })
    for (let i = 0; i < 139; i++) addEni(r, { id: `eni-t${i}`, subnet: 'subnet-app', groups: ['sg-db'], ip: `10.0.2.${60 + i}` })
    const scope = 'scopes:\n  - id: public-not-to-app\n    kind: no-path\n    from: { subnet: subnet-pub }\n    to: { subnet: subnet-app }\n    port: 5432\n'
    expect(run(r, scope).scopes[0]).toMatchObject({
      status: 'unknown', violations: [], unknown: ['network ACL acl-db singles out addresses within subnet-pub: 21000 pairs not traced'],
    })
  })
  it('finds the one port of an admitted range that the network ACL lets through (not only the range\'s first port)', () => {
    const r = pathEnv([tcp(5000, 6000, '10.0.1.0/24')])
    addNacl(r, 'acl-db', ['subnet-app'], [entry(100, false, 'allow', '10.0.1.0/24', '6', [5432, 5432]), entry(100, true, 'allow', '0.0.0.0/0')])
    const anyPort = 'scopes:\n  - id: public-not-to-db\n    kind: no-path\n    from: { subnet: subnet-pub }\n    to: { tag: tier=db }\n'
    const [s] = run(r, anyPort).scopes
    expect(s.status).toBe('violated')
    expect(s.violations.map((v) => v.title)).toEqual(['eni-web can reach eni-db on tcp 5432'])
  })
  it('is unknown when the replies route to a transit gateway vpclens does not follow', () => {
    const r = pathEnv([tcp(5432, 5432, '10.0.1.0/24')])
    setRoutes(r, 'rtb-main', [{ DestinationCidrBlock: '10.0.1.0/24', TransitGatewayId: 'tgw-1', State: 'active', Origin: 'CreateRoute' }])
    const [s] = run(r, PATH_SCOPE).scopes
    expect(s.status).toBe('unknown')
    expect(s.unknown).toEqual(['route table rtb-main sends 10.0.1.0/24 to tgw-1, which vpclens does not follow: paths through it are not checked'])
  })
})

describe('acceptances', () => {
  const policy = (entries: string) => `accept:\n${entries}${DB_SCOPE}`
  it('accept a finding and its exposure by check, tag, port and protocol; the scope violation stays open', () => {
    const ev = run(dbEnv(true), policy('  - check: DATABASE_PORT_EXPOSED\n    tag: tag:team=data\n    port: 5432\n    protocol: tcp\n    reason: migration window\n    owner: data\n'))
    const f = ev.findings.find((x) => x.check === 'DATABASE_PORT_EXPOSED')!
    expect(f.accepted).toEqual({ index: 0, line: 2, reason: 'migration window', owner: 'data' })
    expect(ev.exposures.filter((e) => e.eni === 'eni-db').map((e) => e.accepted?.reason)).toEqual(['migration window'])
    expect(ev.scopes[0].violations[0].accepted).toBeUndefined()
    expect(ev.acceptances[0]).toMatchObject({ status: 'active', matches: 'check=DATABASE_PORT_EXPOSED tag=tag:team=data port=5432 protocol=tcp' })
  })
  it('accept a scope violation by check SCOPE_VIOLATION and resource, or SCOPE_VIOLATION:<scope id>', () => {
    const ev = run(dbEnv(true), policy('  - check: SCOPE_VIOLATION\n    resource: i-db\n    reason: r\n    owner: o\n'))
    expect(ev.scopes[0].violations[0].accepted).toMatchObject({ index: 0, reason: 'r' })
    const scopeId = ev.scopes[0].id
    const one = run(dbEnv(true), policy(`  - check: SCOPE_VIOLATION:${scopeId}\n    reason: r\n    owner: o\n  - check: SCOPE_VIOLATION:other-scope\n    reason: r\n    owner: o\n`))
    expect(one.scopes[0].violations[0].accepted).toMatchObject({ index: 0 })
    expect(one.acceptances.map((a) => a.status)).toEqual(['active', 'stale'])
    expect(ev.findings.find((x) => x.check === 'DATABASE_PORT_EXPOSED')!.accepted).toBeUndefined()
  })
  it('never cover more than they say: a narrower port or source does not accept', () => {
    for (const m of ['port: 5400-5431', 'source: 203.0.113.0/24', 'protocol: udp', 'tag: team=web', 'resource: i-other']) {
      const ev = run(dbEnv(true), policy(`  - check: DATABASE_PORT_EXPOSED\n    ${m}\n    reason: r\n    owner: o\n`))
      expect(ev.findings.find((x) => x.check === 'DATABASE_PORT_EXPOSED')!.accepted, m).toBeUndefined()
      expect(ev.acceptances[0].status, m).toBe('stale')
    }
    const world = run(dbEnv(true), policy('  - check: DATABASE_PORT_EXPOSED\n    source: 0.0.0.0/0\n    reason: r\n    owner: o\n'))
    expect(world.findings.find((x) => x.check === 'DATABASE_PORT_EXPOSED')!.accepted?.index).toBe(0)
  })
  it('stop applying after their expiry day, and list what they no longer cover', () => {
    const entry = (d: string) => `  - resource: eni-db\n    port: 5432\n    reason: r\n    owner: o\n    expires: ${d}\n`
    const onTheDay = run(dbEnv(true), policy(entry(TODAY)))
    expect(onTheDay.acceptances[0].status).toBe('active')
    expect(onTheDay.findings.find((x) => x.check === 'DATABASE_PORT_EXPOSED')!.accepted?.expires).toBe(TODAY)
    const expired = run(dbEnv(true), policy(entry('2026-12-01')))
    expect(expired.acceptances[0].status).toBe('expired')
    expect(expired.acceptances[0].matched.length).toBe(3) // the finding, the exposure, the scope violation
    expect(expired.findings.some((x) => x.accepted)).toBe(false)
    expect(expired.scopes[0].violations[0].accepted).toBeUndefined()
  })
})
