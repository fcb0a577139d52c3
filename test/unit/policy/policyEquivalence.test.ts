/**
 * The optimised policy evaluation (acceptances looked up by resource and check, `no-path` work shared
 * between interface classes) equals the straightforward one it replaced (support/referencePolicy.ts)
 * on random policies over random inventories: small hand-built VPCs whose NACL entries, routes and
 * security group rules single out addresses and ports, and the multi-VPC demo with its peerings.
 * Deterministic seeds, so a failure names the seed to replay.
 */
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import type { IpPermission, RegionInventory, Snapshot } from '../../../shared/index.ts'
import { analyzeSnapshot, type SnapshotAnalysis } from '../../../server/analysis/analyzeSnapshot.ts'
import { generateDemoVersions } from '../../../server/demo/generateDemoVersions.ts'
import { seededRandom, type SeededRandom } from '../../../server/demo/seededRandom.ts'
import { evaluatePolicy, type PolicyEvaluation } from '../../../server/policy/evaluatePolicy.ts'
import { parsePolicy } from '../../../server/policy/parsePolicy.ts'
import { policyContext } from '../../../server/policy/PolicyContext.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { addEni, addNacl, addSg, baseEnv, entry, inventory, setRoutes } from '../analysis/envBuilder.ts'
import { pairReaches, pairwiseNoPath, referenceEvaluatePolicy } from './support/referencePolicy.ts'

const TODAY = '2026-12-02'
const PORTS = [22, 80, 443, 5432, 8080, '1000-2000', '0-65535', '5000-6000']

/** What the random cases exercised, so that the test fails if they stop exercising it. */
interface Coverage { pairwiseChecked: number; cut: number; noPathViolated: number; truncated: number; unknown: number; accepted: number; scopeAccepted: number; stale: number; expired: number }

function tally(c: Coverage, ev: PolicyEvaluation): void {
  c.noPathViolated += ev.scopes.filter((s) => s.kind === 'no-path' && s.status === 'violated').length
  c.truncated += ev.scopes.filter((s) => s.truncated).length
  c.unknown += ev.scopes.filter((s) => s.unknown.length > 0).length
  c.accepted += [...ev.findings, ...ev.exposures].filter((x) => x.accepted).length
  c.scopeAccepted += ev.scopes.flatMap((s) => s.violations).filter((v) => v.accepted).length
  c.stale += ev.acceptances.filter((a) => a.status === 'stale').length
  c.expired += ev.acceptances.filter((a) => a.status === 'expired').length
}

/**
 * One VPC of five subnets: two with NACLs whose entries name single addresses and ports (sometimes
 * the only requests they let in), one reached
 * through a transit gateway route narrower than the VPC (unfollowed: unknown), sometimes a route
 * (active or blackhole) narrower than a subnet, interfaces in 1–3
 * groups (in random order) whose rules admit /32s, /28s, the VPC, the world and other groups.
 */
function randomVpc(rnd: SeededRandom): RegionInventory {
  const r = baseEnv()
  const extra = [['subnet-db', '10.0.3.0/24'], ['subnet-ops', '10.0.4.0/24'], ['subnet-far', '10.0.5.0/24']]
  for (const [id, cidr] of extra) r.ec2.Subnets.push({ SubnetId: id, VpcId: 'vpc-1', CidrBlock: cidr, AvailabilityZone: 'eu-west-1b' })
  const subnets: Array<[string, number]> = [['subnet-pub', 1], ['subnet-app', 2], ['subnet-db', 3], ['subnet-ops', 4], ['subnet-far', 5]]
  const enis = Array.from({ length: rnd.int(12, 40) }, (_, i) => {
    const [subnet, n] = rnd.pick(subnets)
    return { id: `eni-${i}`, subnet, ip: `10.0.${n}.${10 + i}` }
  })
  const ip = () => rnd.pick(enis).ip
  const cidr = () => rnd.pick([`${ip()}/32`, `${ip()}/32`, '10.0.2.0/28', '10.0.3.16/28', '10.0.1.0/24', '10.0.0.0/16', '0.0.0.0/0'])
  const groups = Array.from({ length: rnd.int(3, 7) }, (_, i) => `sg-${i}`)
  const port = (): [number, number] => rnd.pick([[22, 22], [443, 443], [5432, 5432], [1000, 1999], [0, 65535], [8080, 8081]])
  for (const g of groups) {
    const ingress: IpPermission[] = Array.from({ length: rnd.int(0, 4) }, () => {
      const [from, to] = port()
      const proto = rnd.pick(['tcp', 'tcp', 'udp', '-1'])
      const peer = rnd.chance(0.3) ? { UserIdGroupPairs: [{ GroupId: rnd.pick(groups) }] } : { IpRanges: [{ CidrIp: cidr() }] }
      return proto === '-1' ? { IpProtocol: '-1', ...peer } : { IpProtocol: proto, FromPort: from, ToPort: to, ...peer }
    })
    const egress: IpPermission[] = rnd.chance(0.7) ? [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] : [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 9999, IpRanges: [{ CidrIp: cidr() }] }]
    addSg(r, g, ingress, egress)
  }
  for (const e of enis) {
    const own = [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(groups)))]
    addEni(r, { ...e, groups: own, instanceId: `i-${e.id.slice(4)}`, ...(e.subnet === 'subnet-pub' && rnd.chance(0.5) ? { publicIp: `54.1.2.${e.ip.split('.')[3]}` } : {}) })
  }
  for (const i of r.ec2.Reservations.flatMap((x) => x.Instances ?? [])) {
    i.Tags = [{ Key: 'role', Value: rnd.pick(['web', 'db', 'batch']) }, ...(rnd.chance(0.3) ? [{ Key: 'tier', Value: 'db' }] : [])]
  }
  for (const [id, subnet] of [['acl-db', 'subnet-db'], ['acl-ops', 'subnet-ops']]) {
    if (!rnd.chance(0.7)) continue
    const n = rnd.int(1, 4)
    const entries = Array.from({ length: n }, (_, k) => entry(100 + k, rnd.chance(0.5), rnd.pick(['allow', 'deny'] as const), rnd.pick([`${ip()}/32`, '10.0.2.0/28', '10.0.0.0/16']), rnd.pick(['6', '-1']), port()))
      .map((e) => (e.Protocol === '-1' ? { ...e, PortRange: undefined } : e))
    // Half the time inbound requests pass only where an entry above names them (replies on ephemeral ports pass).
    const inbound = rnd.chance(0.5) ? entry(200, false, 'allow', '0.0.0.0/0') : entry(200, false, 'allow', '0.0.0.0/0', '6', [1024, 65535])
    addNacl(r, id, [subnet], [...entries, inbound, entry(200, true, 'allow', '0.0.0.0/0', '6', [1024, 65535]), ...(rnd.chance(0.5) ? [entry(210, true, 'allow', '0.0.0.0/0')] : [])])
  }
  setRoutes(r, 'rtb-main', [
    { DestinationCidrBlock: '10.0.5.0/24', TransitGatewayId: 'tgw-1', State: 'active', Origin: 'CreateRoute' },
    // Narrower than a subnet: some of its interfaces are routed elsewhere than their neighbours.
    ...(rnd.chance(0.7) ? [{ DestinationCidrBlock: rnd.pick(['10.0.3.16/28', '10.0.4.0/28', '10.0.2.0/27']), TransitGatewayId: 'tgw-2', State: rnd.pick(['active', 'blackhole']), Origin: 'CreateRoute' }] : []),
  ])
  return r
}

/** A random policy over what the version holds: every scope kind and every kind of acceptance. */
function randomPolicy(rnd: SeededRandom, snapshot: Snapshot, analysis: SnapshotAnalysis): string {
  const of = (kind: string) => snapshot.resources.filter((x) => x.kind === kind).map((x) => x.id)
  const enis = [...analysis.model.enis.values()]
  const tags = [...new Set(snapshot.resources.flatMap((x) => Object.entries(x.tags).filter(([k]) => k !== 'Name').map(([k, v]) => (rnd.chance(0.8) ? `${k}=${v}` : k))))]
  const selector = (): Record<string, string> => {
    const choice = rnd.int(0, 5)
    if (choice === 0) return { vpc: rnd.pick(of('vpc')) }
    if (choice === 1) return { subnet: rnd.pick(of('subnet')) }
    if (choice === 2 && tags.length > 0) return { tag: rnd.pick(tags) }
    if (choice === 3) { const e = rnd.pick(enis); return { resource: e.owner && rnd.chance(0.5) ? e.owner : e.id } }
    if (choice === 4) return { vpc: rnd.pick(of('vpc')), ...(tags.length > 0 ? { tag: rnd.pick(tags) } : {}) }
    return { vpc: rnd.pick(enis).vpcId ?? rnd.pick(of('vpc')) }
  }
  const portful = () => (rnd.chance(0.6) ? { port: rnd.pick(PORTS), ...(rnd.chance(0.3) ? { protocol: rnd.pick(['tcp', 'udp']) } : {}) } : rnd.chance(0.3) ? { protocol: rnd.pick(['all', 'udp', 'icmp']) } : {})
  const scopes = Array.from({ length: rnd.int(2, 8) }, (_, i) => {
    const id = `scope-${i}`
    const kind = rnd.pick(['no-path', 'no-path', 'no-path', 'not-internet-reachable', 'only-load-balancers-internet-facing', 'allowed-internet-sources'])
    if (kind === 'no-path') {
      const from = selector()
      return { id, kind, from, to: rnd.chance(0.3) ? from : selector(), ...portful() }
    }
    if (kind === 'not-internet-reachable') return { id, kind, resources: selector(), ...portful() }
    if (kind === 'only-load-balancers-internet-facing') return { id, kind, ...(rnd.chance(0.5) ? { resources: selector() } : {}) }
    return { id, kind, port: rnd.pick(PORTS), sources: [rnd.pick(['203.0.113.0/24', '0.0.0.0/0', '54.0.0.0/8', ...of('prefix-list')])] }
  })
  const findings = analysis.findings
  const exposures = analysis.exposure.exposures
  const accept = Array.from({ length: rnd.int(5, 40) }, () => {
    const base = { reason: 'reviewed', owner: 'platform', ...(rnd.chance(0.2) ? { expires: rnd.pick(['2020-01-01', TODAY, '2030-01-01']) } : {}) }
    const choice = rnd.int(0, 7)
    if (choice === 0 && findings.length > 0) { const f = rnd.pick(findings); return { check: f.check, ...(rnd.chance(0.7) ? { resource: rnd.pick(f.resourceIds) } : {}), ...base } }
    if (choice === 1 && exposures.length > 0) {
      const e = rnd.pick(exposures)
      return { resource: rnd.pick([e.eni, e.vpcId, e.subnetId, e.resource].filter((x): x is string => !!x)), ...(e.protocol === 'tcp' ? { port: e.ports[0] === e.ports[1] ? e.ports[0] : `${e.ports[0]}-${e.ports[1]}`, protocol: 'tcp' } : {}), ...base }
    }
    if (choice === 2 && tags.length > 0) return { tag: rnd.pick(tags), ...(rnd.chance(0.5) && findings.length > 0 ? { check: rnd.pick(findings).check } : {}), ...base }
    if (choice === 3) return { check: 'SCOPE_VIOLATION', ...(rnd.chance(0.6) ? { resource: rnd.pick(enis).id } : {}), ...base }
    if (choice === 4) return { check: 'SCOPE_VIOLATION', port: rnd.pick(PORTS), ...(rnd.chance(0.5) ? { protocol: 'tcp' } : {}), ...base }
    if (choice === 5) return { port: rnd.pick(PORTS), source: rnd.pick(['0.0.0.0/0', '203.0.113.0/24', ...of('prefix-list')]), ...base }
    if (choice === 6) return { resource: rnd.pick(enis).id, ...base }
    return { check: 'NO_SUCH_CHECK', ...base }
  })
  return stringify({ version: 1, accept, scopes })
}

function compare(snapshot: Snapshot, rnd: SeededRandom, runs: number, coverage: Coverage): void {
  const analysis = analyzeSnapshot(snapshot)
  const ctx = policyContext(snapshot, analysis)
  for (let i = 0; i < runs; i++) {
    const policy = parsePolicy(randomPolicy(rnd, snapshot, analysis), 'random.policy.yaml')
    const ev = evaluatePolicy(policy, snapshot, analysis, TODAY)
    expect(ev).toEqual(referenceEvaluatePolicy(policy, snapshot, analysis, TODAY))
    for (const [k, scope] of policy.scopes.entries()) {
      if (scope.kind !== 'no-path') continue
      const fast = ev.scopes[k]
      const pairwise = pairwiseNoPath(scope, ctx)
      const what = `${scope.id} ${JSON.stringify({ from: scope.from, to: scope.to, port: scope.port, protocol: scope.protocol })}`
      // Every violation reported is a pair that has a path.
      for (const v of fast.violations) {
        const [src, dst] = v.id.slice(scope.id.length + 1).split(':')[0].split('>')
        expect(pairReaches(scope, ctx, analysis.model.enis.get(src)!, analysis.model.enis.get(dst)!), `${what}: ${v.id}`).toBeDefined()
      }
      // Never "holds" where a pair has a path; the same status where neither list was cut short.
      if (pairwise.status === 'violated') expect(fast.status, `${what}: ${pairwise.first} has a path`).not.toBe('holds')
      const cut = fast.truncated || fast.unknown.some((u) => u.endsWith('pairs not traced'))
      if (!cut) expect(fast.status, what).toBe(pairwise.status)
      if (cut) coverage.cut++
      coverage.pairwiseChecked++
    }
    tally(coverage, ev)
  }
}

const empty = (): Coverage => ({ pairwiseChecked: 0, cut: 0, noPathViolated: 0, truncated: 0, unknown: 0, accepted: 0, scopeAccepted: 0, stale: 0, expired: 0 })

describe('optimised policy evaluation equals the straightforward reference', () => {
  it('on random policies over random hand-built VPCs (addresses, ports, NACL entries, groups, routes narrower than a subnet)', () => {
    const coverage = empty()
    for (let seed = 0; seed < 20; seed++) {
      const rnd = seededRandom(`policy-equivalence-vpc-${seed}`)
      compare(normalize(inventory(randomVpc(rnd))), rnd, 3, coverage)
    }
    expect(coverage.noPathViolated).toBeGreaterThan(20)
    expect(coverage.unknown).toBeGreaterThan(0)
    expect(coverage.scopeAccepted).toBeGreaterThan(0)
    expect(coverage.accepted).toBeGreaterThan(0)
    expect(coverage.stale).toBeGreaterThan(0)
    expect(coverage.expired).toBeGreaterThan(0)
  })
  it('on random policies over the multi-VPC demo (peerings; scopes long enough to be truncated)', () => {
    const coverage = empty()
    for (const seed of [7, 42]) {
      const versions = generateDemoVersions({ seed, scale: 600 })
      compare(normalize(versions[versions.length - 1]), seededRandom(`policy-equivalence-demo-${seed}`), 6, coverage)
    }
    expect(coverage.noPathViolated).toBeGreaterThan(0)
    expect(coverage.truncated).toBeGreaterThan(0)
    expect(coverage.accepted).toBeGreaterThan(0)
  })
})
