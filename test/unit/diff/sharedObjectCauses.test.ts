/**
 * Issue 10: a diff names the shared object whose change caused an exposure change (prefix list, NACL,
 * route table, target group), and grades that change by the exposure it causes; `check` (findings of
 * the later version) and `check --against` (the diff) agree on the same opening. Hand-built version
 * pairs in the import shapes, analysed as the CLI and API do.
 */
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../shared/index.ts'
import type { RegionInventory } from '../../../shared/index.ts'
import { analyzeSnapshot } from '../../../server/analysis/analyzeSnapshot.ts'
import { diffSnapshots } from '../../../server/diff/diffSnapshots.ts'
import { analyzedExposure } from '../../../server/diff/diffVersions.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { addEni, addLoadBalancer, addNacl, addSg, allowAll, baseEnv, entry, inventory, tcp } from '../analysis/envBuilder.ts'

const snap = (r: RegionInventory): Snapshot => normalize(inventory(r))
const pair = (build: (r: RegionInventory, after: boolean) => void) => {
  const a = baseEnv(); build(a, false)
  const b = baseEnv(); build(b, true)
  return [snap(a), snap(b)] as const
}
const diffOf = (a: Snapshot, b: Snapshot) => diffSnapshots(a, b, { exposureOf: analyzedExposure })
const causes = (d: ReturnType<typeof diffOf>) => d.exposure.map((e) => [e.change, e.resourceId, e.protocol, e.ports, e.severity, e.causes.map((c) => [c.resourceId, c.collection, c.key, c.change])])
const severities = (d: ReturnType<typeof diffOf>) => Object.fromEntries(d.resources.map((r) => [r.id, [r.severity, ...r.rules.map((c) => `${c.collection} ${c.key} ${c.change} ${c.severity}`)]]))
const findingSeverity = (s: Snapshot, check: string, eni: string) => analyzeSnapshot(s).findings.find((f) => f.check === check && f.resourceIds[0] === eni)?.severity

describe('causes on shared objects, graded by the exposure they cause', () => {
  it('a 0.0.0.0/0 entry added to a prefix list a group uses for SSH: the entry is the cause, and critical', () => {
    const [a, b] = pair((r, after) => {
      r.ec2.ManagedPrefixLists.push({ PrefixListId: 'pl-office', PrefixListName: 'offices', AddressFamily: 'IPv4', MaxEntries: 5 })
      r.ec2.PrefixListEntries['pl-office'] = [{ Cidr: '81.2.69.0/24' }, ...(after ? [{ Cidr: '0.0.0.0/0', Description: 'temporary' }] : [])]
      addSg(r, 'sg-a', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-office' }] }])
      addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    })
    const d = diffOf(a, b)
    expect(causes(d)).toEqual([
      ['widened', 'eni-1', 'tcp', { from: 22, to: 22 }, 'critical', [['pl-office', 'prefix-list-entries', '0.0.0.0/0', 'added']]],
    ])
    expect(severities(d)).toEqual({ 'pl-office': ['critical', 'prefix-list-entries 0.0.0.0/0 added critical'] })
    expect(d.resources[0]!.rules[0]!.summary).toBe('+ entry 0.0.0.0/0 ("temporary")')
    expect(d.summary.highestSeverity).toBe('critical')
    // check (findings of the later version) grades the same opening the same way.
    expect(findingSeverity(b, 'ADMIN_PORT_EXPOSED', 'eni-1')).toBe('critical')
    // Without exposure analysis (rules alone), the prefix list is read as its entries too.
    const rules = diffSnapshots(a, b)
    expect(rules.exposure.map((e) => [e.change, e.resourceId, e.severity, e.addedSources, e.causes.map((c) => c.resourceId)]))
      .toEqual([['widened', 'sg-a', 'critical', ['0.0.0.0/0'], ['pl-office']]])
  })

  it('a deny removed from a shared NACL: the entry is the cause, graded by the database port it opens', () => {
    const [a, b] = pair((r, after) => {
      addSg(r, 'sg-db', [tcp(3306, 3306, '0.0.0.0/0')])
      addNacl(r, 'acl-shared', ['subnet-pub'], [...(after ? [] : [entry(90, false, 'deny', '0.0.0.0/0', '6', [3306, 3306])]), ...allowAll(false).slice(0, 2), ...allowAll(true).slice(0, 2)])
      addEni(r, { id: 'eni-db', subnet: 'subnet-pub', groups: ['sg-db'], ip: '10.0.1.20', publicIp: '54.1.2.4' })
    })
    const d = diffOf(a, b)
    expect(causes(d)).toEqual([
      ['newly-exposed', 'eni-db', 'tcp', { from: 3306, to: 3306 }, 'critical', [['acl-shared', 'nacl-ingress', '90', 'removed']]],
    ])
    expect(severities(d)).toEqual({ 'acl-shared': ['critical', 'nacl-ingress 90 removed critical'] })
    expect(findingSeverity(b, 'DATABASE_PORT_EXPOSED', 'eni-db')).toBe('critical')
  })

  it('a default route to the internet gateway added to a route table: the route is the cause', () => {
    const [a, b] = pair((r, after) => {
      addSg(r, 'sg-a', [tcp(22, 22, '0.0.0.0/0')])
      if (!after) r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-pub')!.Routes = r.ec2.RouteTables.find((t) => t.RouteTableId === 'rtb-pub')!.Routes!.filter((x) => x.DestinationCidrBlock !== '0.0.0.0/0')
      addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    })
    const d = diffOf(a, b)
    expect(causes(d)).toEqual([
      ['newly-exposed', 'eni-1', 'tcp', { from: 22, to: 22 }, 'critical', [['rtb-pub', 'routes', '0.0.0.0/0', 'added']]],
    ])
    expect(severities(d)['rtb-pub']).toEqual(['critical', 'routes 0.0.0.0/0 added critical'])
  })

  it('a target attached to an internet-facing ALB: the target group is the cause, graded on the listener port (HTTPS 443: low) as check grades it', () => {
    const [a, b] = pair((r, after) => {
      addSg(r, 'sg-alb', [tcp(443, 443, '0.0.0.0/0')], [tcp(8080, 8080, '10.0.0.0/16')])
      addSg(r, 'sg-app', [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, UserIdGroupPairs: [{ GroupId: 'sg-alb', UserId: '123456789012' }] }])
      addEni(r, { id: 'eni-app', subnet: 'subnet-app', groups: ['sg-app'], ip: '10.0.2.10', instanceId: 'i-app' })
      addLoadBalancer(r, {
        type: 'app', name: 'web', subnets: ['subnet-pub'], securityGroups: ['sg-alb'], nodes: [{ subnet: 'subnet-pub', ip: '10.0.1.20', publicIp: '54.9.9.9' }],
        listener: { port: 443, protocol: 'HTTPS' }, targetGroup: { protocol: 'HTTP', port: 8080, targetType: 'instance', targets: after ? [{ id: 'i-app' }] : [] },
      })
    })
    const d = diffOf(a, b)
    const tg = d.relationships.find((x) => x.relation === 'targets')!
    expect(causes(d)).toEqual([
      ['newly-exposed', 'eni-app', 'tcp', { from: 8080, to: 8080 }, 'low', [[tg.resourceId, 'relationship:targets', 'targets', 'modified']]],
    ])
    expect([tg.added, tg.severity]).toEqual([['i-app:8080'], 'low'])
  })
})
