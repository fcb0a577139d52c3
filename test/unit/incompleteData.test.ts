import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type Inventory, type Snapshot } from '../../shared/index.ts'
import { analyzeSnapshot } from '../../server/analysis/analyzeSnapshot.ts'
import { reach } from '../../server/analysis/reach.ts'
import { exposureReport, findingsReport } from '../../server/analysis/reports.ts'
import { diffVersions } from '../../server/diff/diffVersions.ts'
import { importFileOf, readImportDirectory } from '../../server/import/readImportDirectory.ts'
import { storeInventory } from '../../server/import/storeInventory.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { ACCOUNT, eni, type LayoutFiles, publicSshFiles, REGION, writeLayout } from '../fixtures/aws/writeImportLayout.ts'

// Every case goes through the real import path: files in the import layout → readImportDirectory →
// storeInventory (normalize, integrity checks) → a SQLite store → the stored snapshot → analysis.
const root = mkdtempSync(join(tmpdir(), 'vpclens-incomplete-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const HERE = `${ACCOUNT}/${REGION}`

async function imported(regions: Record<string, LayoutFiles>): Promise<{ snapshot: Snapshot; warnings: Inventory['warnings'] }> {
  const dir = join(root, `case-${++n}`)
  writeLayout(join(dir, 'dump'), regions)
  const inventory = readImportDirectory(join(dir, 'dump'), { collectedAt: '2026-12-01T00:00:00.000Z' })
  const store = openSqliteStore(join(dir, 'db'))
  try {
    const summary = await storeInventory(store, inventory, 'env', 'import', importFileOf(join(dir, 'dump')))
    const snapshot = (await store.getSnapshot('env', summary.version))!
    return { snapshot, warnings: summary.warnings }
  } finally {
    await store.close()
  }
}
const without = (...names: string[]) => {
  const files = publicSshFiles()
  for (const name of names) delete files[name]
  return { [HERE]: files }
}
const reports = (snapshot: Snapshot) => {
  const a = analyzeSnapshot(snapshot)
  return { a, exposure: exposureReport(a, 'env', '1', snapshot.hash), findings: findingsReport(a, 'env', '1', snapshot.hash) }
}

describe('a call that was not collected', () => {
  it('the complete layout: SSH open to the world is exposed, critical, with nothing unknown', async () => {
    const { snapshot } = await imported(without())
    const { exposure, findings } = reports(snapshot)
    expect(exposure.exposures.map((e) => [e.eni, e.protocol, e.ports, e.sources, e.severity])).toEqual([['eni-1', 'tcp', [22, 22], ['0.0.0.0/0'], 'critical']])
    expect(exposure.unknown).toEqual([])
    expect(exposure.coverage).toEqual({ complete: true, notCollected: [], integrity: [] })
    expect(findings.findings.map((f) => f.check)).toContain('ADMIN_PORT_EXPOSED')
  })

  it('no describe-route-tables.json: the exposure is unknown, naming the call, never "not exposed" or "no route"', async () => {
    const { snapshot } = await imported(without('describe-route-tables.json'))
    const { exposure, findings } = reports(snapshot)
    expect(exposure.exposures).toEqual([])
    expect(exposure.blocked).toEqual([])
    expect(exposure.unknown).toEqual([{
      id: 'EXPOSURE:eni-1', check: 'EXPOSURE', resourceIds: ['eni-1', 'i-1'], account: ACCOUNT, region: REGION,
      missingCalls: ['DescribeRouteTables'], missingIds: [], worstCase: 'critical',
      detail: 'unknown: DescribeRouteTables not collected for 111122223333/eu-west-1 (exposure of eni-1; its security groups admit tcp 22 from 0.0.0.0/0)',
    }])
    expect(exposure.summary).toMatchObject({ networkInterfaces: 1, exposedInterfaces: 0, unknownInterfaces: 1 })
    expect(exposure.coverage.complete).toBe(false)
    expect(exposure.coverage.notCollected.map((w) => [w.account, w.region, w.operation, w.code])).toEqual([[ACCOUNT, REGION, 'DescribeRouteTables', 'NotCollected']])
    // No finding claims what the data cannot tell (PUBLIC_IP_WITHOUT_INTERNET_ROUTE: "no route to an internet gateway");
    // the NACL, which was collected, is still checked.
    expect(findings.findings.map((f) => f.check)).toEqual(['NACL_ALLOW_ALL'])
    expect(findings.unknown.map((u) => [u.check, u.missingCalls.join(',')])).toEqual([
      ['BLACKHOLE_ROUTE', 'DescribeRouteTables'], ['EXPOSURE', 'DescribeRouteTables'], ['PUBLIC_IP_WITHOUT_INTERNET_ROUTE', 'DescribeRouteTables'],
    ])
    expect(findings.coverage).toEqual(exposure.coverage)
  })

  it('no describe-internet-gateways.json: unknown naming DescribeInternetGateways (the route to igw-1 is not a dangling reference)', async () => {
    const { snapshot, warnings } = await imported(without('describe-internet-gateways.json'))
    const { exposure } = reports(snapshot)
    expect(warnings.map((w) => `${w.code} ${w.operation}`)).toEqual(['NotCollected DescribeInternetGateways'])
    expect(exposure.exposures).toEqual([])
    expect(exposure.unknown.map((u) => [u.resourceIds[0], u.missingCalls, u.missingIds, u.detail.split(' (')[0]])).toEqual([
      ['eni-1', ['DescribeInternetGateways'], [], 'unknown: DescribeInternetGateways not collected for 111122223333/eu-west-1'],
    ])
  })

  it('no describe-network-acls.json: unknown, not allow-all', async () => {
    const { snapshot } = await imported(without('describe-network-acls.json'))
    const { exposure } = reports(snapshot)
    expect(exposure.exposures).toEqual([])
    expect(exposure.unknown.map((u) => [u.resourceIds[0], u.missingCalls])).toEqual([['eni-1', ['DescribeNetworkAcls']]])
  })

  it('only affected verdicts are unknown: a group open to no internet source, or an interface without a public address, is decided', async () => {
    const files = without('describe-route-tables.json')[HERE]
    ;(files['describe-security-groups.json'] as { SecurityGroups: unknown[] }).SecurityGroups.push({
      GroupId: 'sg-internal', GroupName: 'internal', VpcId: 'vpc-1', OwnerId: ACCOUNT,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
    })
    files['describe-network-interfaces.json'] = {
      NetworkInterfaces: [eni('eni-1', 'i-1', '10.0.1.10', '54.1.2.3'), eni('eni-2', 'i-2', '10.0.1.11', '54.1.2.4', 'subnet-1', ['sg-internal']), eni('eni-3', 'i-3', '10.0.1.12', null)],
    }
    const { snapshot } = await imported({ [HERE]: files })
    const { exposure } = reports(snapshot)
    expect(exposure.unknown.map((u) => u.resourceIds[0])).toEqual(['eni-1'])
    // eni-3 is stopped at its address whatever the routes say: a decided "blocked".
    expect(exposure.blocked.map((b) => [b.eni, b.blockedBy.check, b.blockedBy.code])).toEqual([['eni-3', 'address', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS']])
    expect(exposure.summary).toMatchObject({ networkInterfaces: 3, exposedInterfaces: 0, unknownInterfaces: 1 })
  })

  it('a call denied at discovery (AccessDenied) makes what depends on it unknown, the same way', () => {
    const inventory = readImportDirectory(importDir(without()), { collectedAt: '2026-12-01T00:00:00.000Z' })
    inventory.regions[0]!.ec2.RouteTables = []
    inventory.warnings.push({ account: ACCOUNT, region: REGION, service: 'ec2', operation: 'DescribeRouteTables', code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' })
    const { exposure } = reports(normalize(inventory))
    expect(exposure.unknown.map((u) => u.detail.split(' (')[0])).toEqual(['unknown: DescribeRouteTables not collected for 111122223333/eu-west-1'])
    expect(exposure.coverage.notCollected.map((w) => w.code)).toEqual(['UnauthorizedOperation'])
  })

  it('an internet-facing load balancer without describe-listeners.json: its path is unknown, naming DescribeListeners', async () => {
    const files = without('describe-listeners.json')[HERE]
    const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`
    files['describe-load-balancers.json'] = {
      LoadBalancers: [{
        LoadBalancerArn: arn, LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', State: { Code: 'active' }, VpcId: 'vpc-1',
        AvailabilityZones: [{ ZoneName: `${REGION}a`, SubnetId: 'subnet-1' }], SecurityGroups: ['sg-ssh'], IpAddressType: 'ipv4',
      }],
    }
    const { snapshot } = await imported({ [HERE]: files })
    const { exposure } = reports(snapshot)
    expect(exposure.unknown.map((u) => [u.id, u.missingCalls, u.worstCase, u.detail])).toEqual([
      [`EXPOSURE:${arn}`, ['DescribeListeners'], 'critical', 'unknown: DescribeListeners not collected for 111122223333/eu-west-1 (exposure through load balancer web)'],
    ])
    // The instance's own direct exposure does not depend on the load balancer calls: still decided.
    expect(exposure.exposures.map((e) => [e.eni, e.via])).toEqual([['eni-1', 'direct']])
  })

  it('discovery: integrity warnings name the call, not a file', () => {
    const inventory = readImportDirectory(importDir(without()), { collectedAt: '2026-12-01T00:00:00.000Z' })
    const vpcs = inventory.regions[0]!.ec2.Vpcs
    vpcs.push(vpcs[0]!)
    expect(normalize({ ...inventory, source: 'discover' }).warnings.map((w) => w.message)).toEqual([
      'ec2:DescribeVpcs in 111122223333/eu-west-1: VPC vpc-1 appears more than once; the first copy is used',
    ])
  })

  it('no describe-network-interfaces.json: the whole account × region is unknown', async () => {
    const { snapshot } = await imported(without('describe-network-interfaces.json'))
    const { exposure, findings } = reports(snapshot)
    expect(exposure.unknown.map((u) => [u.id, u.resourceIds, u.missingCalls, u.worstCase])).toEqual([
      ['EXPOSURE:111122223333/eu-west-1', [], ['DescribeNetworkInterfaces'], 'critical'],
    ])
    // Without the interfaces every group would look unused: the check is not run, and says so.
    expect(findings.findings.filter((f) => f.check === 'UNUSED_SECURITY_GROUP')).toEqual([])
    expect(findings.unknown.map((u) => u.check)).toEqual(['DEFAULT_SG_IN_USE', 'EXPOSURE', 'PUBLIC_IP_WITHOUT_INTERNET_ROUTE', 'UNUSED_SECURITY_GROUP'])
  })

  it('reach: unknown, naming the call, instead of blocked', async () => {
    const { snapshot } = await imported(without('describe-route-tables.json'))
    const r = reach(analyzeSnapshot(snapshot), { from: 'internet', to: 'eni-1', protocol: 'tcp', port: 22 })
    expect(r.verdict).toBe('unknown')
    expect(r.answers).toEqual([])
    expect(r.unknown.map((u) => u.id)).toEqual(['EXPOSURE:eni-1'])
  })

  it('diff: an interface whose exposure became unknown is not "no longer exposed"', async () => {
    const before = (await imported(without())).snapshot
    const after = (await imported(without('describe-route-tables.json'))).snapshot
    const d = diffVersions({ id: '1', snapshot: before }, { id: '2', snapshot: after })
    expect(d.exposure).toEqual([])
    expect(d.unknownExposure?.from).toEqual([])
    expect(d.unknownExposure?.to.map((u) => u.id)).toEqual(['EXPOSURE:eni-1'])
    expect(d.coverage?.to.notCollected.map((w) => w.operation)).toEqual(['DescribeRouteTables'])
  })
})

describe('referential integrity', () => {
  it('an interface whose subnet is not in the data: a warning naming the file and ids, and an unknown verdict (not dropped)', async () => {
    const files = without()[HERE]
    files['describe-network-interfaces.json'] = { NetworkInterfaces: [eni('eni-1', 'i-1', '10.0.1.10', '54.1.2.3'), eni('eni-9', 'i-9', '10.0.9.10', '54.1.2.9', 'subnet-9')] }
    const { snapshot, warnings } = await imported({ [HERE]: files })
    expect(warnings).toEqual([{
      account: ACCOUNT, region: REGION, service: 'ec2', operation: 'DescribeNetworkInterfaces', code: 'DanglingReference',
      message: '111122223333/eu-west-1/describe-network-interfaces.json: network interface eni-9 refers to subnet subnet-9, which is not in the data',
    }])
    const { exposure, findings } = reports(snapshot)
    expect(exposure.exposures.map((e) => e.eni)).toEqual(['eni-1'])
    expect(exposure.unknown.map((u) => [u.resourceIds[0], u.missingCalls, u.missingIds, u.detail])).toEqual([
      ['eni-9', [], ['subnet-9'], 'unknown: subnet-9 not in the data (exposure of eni-9; its security groups admit tcp 22 from 0.0.0.0/0)'],
    ])
    expect(exposure.coverage.integrity.length).toBe(1)
    // No finding talks about the subnet that was never read.
    expect(findings.findings.filter((f) => f.resourceIds.includes('eni-9') || f.detail.includes('subnet-9'))).toEqual([])
  })

  it('a security group that is not in the data: unknown, worst case critical', async () => {
    const files = without()[HERE]
    files['describe-network-interfaces.json'] = { NetworkInterfaces: [eni('eni-1', 'i-1', '10.0.1.10', '54.1.2.3', 'subnet-1', ['sg-gone'])] }
    const { snapshot, warnings } = await imported({ [HERE]: files })
    expect(warnings.map((w) => w.message)).toEqual(['111122223333/eu-west-1/describe-network-interfaces.json: network interface eni-1 refers to security group sg-gone, which is not in the data'])
    const { exposure } = reports(snapshot)
    expect(exposure.unknown.map((u) => [u.resourceIds[0], u.missingIds, u.worstCase])).toEqual([['eni-1', ['sg-gone'], 'critical']])
  })

  it('a route to a gateway that is not in the data: a warning and an unknown verdict', async () => {
    const files = without()[HERE]
    const rt = (files['describe-route-tables.json'] as { RouteTables: Array<{ Routes: Array<{ GatewayId?: string }> }> }).RouteTables[0]!
    rt.Routes[1]!.GatewayId = 'igw-9'
    const { snapshot, warnings } = await imported({ [HERE]: files })
    expect(warnings.map((w) => [w.code, w.operation, w.message])).toEqual([[
      'DanglingReference', 'DescribeRouteTables', '111122223333/eu-west-1/describe-route-tables.json: route table rtb-1 route 0.0.0.0/0 refers to internet gateway igw-9, which is not in the data',
    ]])
    const { exposure } = reports(snapshot)
    expect(exposure.unknown.map((u) => [u.resourceIds[0], u.missingIds])).toEqual([['eni-1', ['igw-9']]])
  })

  it('the same resource twice in a file: one warning, one resource, the exposure intact', async () => {
    const files = without()[HERE]
    const vpcs = files['describe-vpcs.json'] as { Vpcs: unknown[] }
    vpcs.Vpcs.push(vpcs.Vpcs[0])
    const { snapshot, warnings } = await imported({ [HERE]: files })
    expect(warnings.map((w) => [w.code, w.message])).toEqual([['DuplicateResource', '111122223333/eu-west-1/describe-vpcs.json: VPC vpc-1 appears more than once; the first copy is used']])
    expect(snapshot.resources.filter((r) => r.kind === 'vpc').map((r) => r.id)).toEqual(['vpc-1'])
    expect(reports(snapshot).exposure.exposures.map((e) => [e.eni, e.severity])).toEqual([['eni-1', 'critical']])
  })

  it('the same data in two region folders: no phantom <id>@account:region resources, the internet gateway map intact', async () => {
    const { snapshot, warnings } = await imported({ [HERE]: publicSshFiles(), [`${ACCOUNT}/us-east-1`]: publicSshFiles() })
    expect(snapshot.resources.filter((r) => r.id.includes('@'))).toEqual([])
    expect(snapshot.resources.filter((r) => r.kind === 'internet-gateway').map((r) => [r.id, r.region])).toEqual([['igw-1', REGION]])
    expect(warnings.every((w) => w.code === 'DuplicateResource' && w.region === 'us-east-1')).toBe(true)
    expect(warnings.map((w) => w.message)).toContain('111122223333/us-east-1/describe-internet-gateways.json: internet gateway igw-1 is also in 111122223333/eu-west-1; that copy is used and this one ignored')
    const { exposure } = reports(snapshot)
    expect(exposure.exposures.map((e) => [e.eni, e.severity])).toEqual([['eni-1', 'critical']])
  })
})

/** A layout directory (for cases that change the inventory after reading it). */
function importDir(regions: Record<string, LayoutFiles>): string {
  const dir = join(root, `dir-${++n}`)
  writeLayout(dir, regions)
  return dir
}
