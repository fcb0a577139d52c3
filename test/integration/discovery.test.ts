/**
 * Discovery and import end to end against moto (a real AWS API emulator over HTTP), through the real
 * SDK, the real `vpclens` binary, the real `aws` CLI and the real SQLite store.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateVpcCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Resource, Snapshot } from '../../shared/index.ts'
import { buildRegionClients } from '../../server/discovery/clients.ts'
import { ReadOnlyViolation } from '../../server/discovery/ReadOnlyViolation.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { MOTO_CREDENTIALS, type Moto, startMoto } from './moto.ts'
import { runCli, runProcess } from './runCli.ts'
import { seedEnvironment, type SeededIds } from './seedEnvironment.ts'

const REGION = 'eu-west-1'
const ACCOUNT = '123456789012'
let moto: Moto
let work: string
let ids: SeededIds

beforeAll(async () => { moto = await startMoto() })
afterAll(async () => { await moto?.stop() })
beforeEach(async () => {
  await moto.reset()
  work = mkdtempSync(join(tmpdir(), 'vpclens-discovery-'))
  return () => rmSync(work, { recursive: true, force: true })
})

/** A user's shell: credentials in the environment, and no AWS config files from this machine. */
const userEnv = (creds = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }) => ({
  ...creds, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
  AWS_CONFIG_FILE: join(work, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: undefined,
})

async function discover(args: string[], env = userEnv()) {
  const run = await runCli(['discover', '--endpoint', moto.endpoint, '--data-dir', join(work, 'store'), '--json', ...args], env)
  expect(run.code, run.stderr).toBe(0)
  return { ...run, summary: JSON.parse(run.stdout) as { env: string; version: string; created: boolean; hash: string; counts: Record<string, number>; warnings: { account: string; region: string; operation: string }[] } }
}

async function snapshotOf(env: string): Promise<Snapshot> {
  const store = openSqliteStore(join(work, 'store'))
  try { return (await store.getSnapshot(env, 'latest'))! } finally { await store.close() }
}

const byId = (s: Snapshot, id: string): Resource => {
  const r = s.resources.find((x) => x.id === id)
  if (!r) throw new Error(`no resource ${id} in the snapshot`)
  return r
}
const attr = (s: Snapshot, id: string) => byId(s, id).attributes as Record<string, any>

describe('vpclens discover against moto', () => {
  it('reads every resource kind with its relationships, and records no new version when nothing changed', async () => {
    ids = await seedEnvironment(moto.endpoint, REGION, MOTO_CREDENTIALS)
    const first = await discover(['--regions', REGION])
    expect(first.summary).toMatchObject({ env: ACCOUNT, version: '1', created: true, warnings: [] })
    const s = await snapshotOf(ACCOUNT)
    expect(s.accounts).toEqual([ACCOUNT])
    expect(s.regions).toEqual([REGION])

    // VPCs, IPv6, subnets with their resolved route table, NACL and tier.
    expect(attr(s, ids.appVpc).cidrs6).toHaveLength(1)
    expect(byId(s, ids.appVpc).name).toBe('app')
    for (const sub of ids.publicSubnets) expect(attr(s, sub)).toMatchObject({ routeTableId: ids.publicRouteTable, mapPublicIpOnLaunch: true })
    expect(attr(s, ids.privateSubnet)).toMatchObject({ routeTableId: ids.privateRouteTable, naclId: ids.customNacl })
    // Gateways, NAT, peering, transit gateway attachment, endpoint.
    expect(attr(s, ids.igw)).toMatchObject({ attachedVpcId: ids.appVpc })
    expect(attr(s, ids.eigw)).toMatchObject({ attachedVpcId: ids.appVpc })
    expect(attr(s, ids.nat)).toMatchObject({ subnetId: ids.publicSubnets[0] })
    expect(attr(s, ids.nat).publicIps).toHaveLength(1)
    expect(attr(s, ids.peering)).toMatchObject({ requesterVpcId: ids.appVpc, accepterVpcId: ids.dataVpc, status: 'active' })
    expect(attr(s, ids.tgwAttachment)).toMatchObject({ resourceId: ids.dataVpc })
    expect(attr(s, ids.endpoint).routeTableIds).toEqual([ids.privateRouteTable])
    const routes = (byId(s, ids.publicRouteTable).raw as { Routes: Record<string, string>[] }).Routes
    expect(routes.map((r) => r.GatewayId ?? r.VpcPeeringConnectionId).sort()).toEqual(expect.arrayContaining([ids.igw, ids.peering]))
    // The custom NACL's entries, and the prefix list's entries.
    const entries = (byId(s, ids.customNacl).raw as { Entries: { RuleNumber: number; RuleAction: string; Egress: boolean }[] }).Entries
    expect(entries.filter((e) => !e.Egress && e.RuleNumber < 32767).map((e) => [e.RuleNumber, e.RuleAction]).sort()).toEqual([[100, 'allow'], [110, 'deny']])
    expect(attr(s, ids.prefixList).entries.map((e: { Cidr: string }) => e.Cidr).sort()).toEqual(['198.51.100.0/24', '203.0.113.0/25'])
    // Security group rules: SG-to-SG, prefix list, IPv4 and IPv6 CIDRs.
    const webRules = attr(s, ids.webSg).rules as Record<string, unknown>[]
    expect(webRules).toEqual(expect.arrayContaining([
      expect.objectContaining({ IsEgress: false, FromPort: 8080, ReferencedGroupInfo: expect.objectContaining({ GroupId: ids.albSg }) }),
      expect.objectContaining({ IsEgress: false, FromPort: 22, PrefixListId: ids.prefixList }),
    ]))
    expect(attr(s, ids.albSg).rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ IsEgress: false, FromPort: 443, CidrIpv4: '0.0.0.0/0' }),
      expect.objectContaining({ IsEgress: false, FromPort: 443, CidrIpv6: '::/0' }),
    ]))
    // Instances with public IPs and an EIP on the first one's ENI.
    const eip = attr(s, ids.eipAllocation)
    expect(eip).toMatchObject({ instanceId: ids.webInstances[0], associated: true })
    const web0 = attr(s, ids.webInstances[0])
    expect(web0.publicIp).toBe(eip.publicIp)
    expect(attr(s, web0.primaryNetworkInterfaceId)).toMatchObject({ owner: ids.webInstances[0], groupIds: [ids.webSg] })
    expect(attr(s, web0.primaryNetworkInterfaceId).publicIps).toContain(eip.publicIp)
    expect(attr(s, ids.extraEni)).toMatchObject({ subnetId: ids.privateSubnet, groupIds: [ids.webSg] })
    // The ALB, its listener and rule, target groups with targets and attributes.
    expect(attr(s, ids.alb)).toMatchObject({ scheme: 'internet-facing', securityGroupIds: [ids.albSg] })
    expect([...attr(s, ids.alb).subnetIds].sort()).toEqual([...ids.publicSubnets].sort())
    expect(attr(s, ids.listener)).toMatchObject({ loadBalancerArn: ids.alb, port: 443 })
    expect(attr(s, ids.rule)).toMatchObject({ listenerArn: ids.listener, priority: '10' })
    expect(attr(s, ids.webTargetGroup).targets.map((t: { Target: { Id: string } }) => t.Target.Id).sort()).toEqual(ids.webInstances)
    expect(attr(s, ids.apiTargetGroup).targets).toEqual([expect.objectContaining({ Target: expect.objectContaining({ Id: ids.webInstances[1], Port: 9091 }) })])
    expect(Object.keys(attr(s, ids.webTargetGroup).settings).length).toBeGreaterThan(0)

    const again = await discover(['--regions', REGION])
    expect(again.summary).toMatchObject({ version: '1', created: false, hash: first.summary.hash })
  }, 180_000)

  it('imports --save-raw output and an `aws` CLI dump of the same environment to the same snapshot hash', async () => {
    await seedEnvironment(moto.endpoint, REGION, MOTO_CREDENTIALS)
    const raw = join(work, 'raw')
    const discovered = await discover(['--regions', REGION, '--env', 'acct', '--save-raw', raw])
    expect(readdirSync(join(raw, ACCOUNT, REGION))).toContain('describe-security-groups.json')

    const fromRaw = await runCli(['import', raw, '--env', 'acct', '--data-dir', join(work, 'store'), '--json'])
    expect(fromRaw.code, fromRaw.stderr).toBe(0)
    expect(JSON.parse(fromRaw.stdout)).toMatchObject({ hash: discovered.summary.hash, created: false, version: '1' })

    const cliDir = join(work, 'cli')
    const dump = await runProcess('bash', ['scripts/collect-with-aws-cli.sh', cliDir, '--regions', REGION, '--endpoint-url', moto.endpoint], userEnv())
    expect(dump.code, dump.stderr).toBe(0)
    const fromCli = await runCli(['import', cliDir, '--env', 'acct', '--data-dir', join(work, 'store'), '--json'])
    expect(fromCli.code, fromCli.stderr).toBe(0)
    expect(JSON.parse(fromCli.stdout)).toMatchObject({ hash: discovered.summary.hash, created: false, version: '1', warnings: [] })
  }, 600_000)

  it('reads two accounts (an organization, through an assumed role) and two regions', async () => {
    const org = await import('@aws-sdk/client-organizations')
    const sts = await import('@aws-sdk/client-sts')
    const o = new org.OrganizationsClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS })
    await o.send(new org.CreateOrganizationCommand({ FeatureSet: 'ALL' }))
    const created = await o.send(new org.CreateAccountCommand({ AccountName: 'workload', Email: 'workload@example.com' }))
    const member = created.CreateAccountStatus!.AccountId!
    const assumed = await new sts.STSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS })
      .send(new sts.AssumeRoleCommand({ RoleArn: `arn:aws:iam::${member}:role/vpclens-readonly`, RoleSessionName: 'seed' }))
    const memberCreds = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! }
    const vpcIn = async (region: string, creds: typeof MOTO_CREDENTIALS, name: string) =>
      (await new EC2Client({ endpoint: moto.endpoint, region, credentials: creds }).send(new CreateVpcCommand({
        CidrBlock: '10.99.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }],
      }))).Vpc!.VpcId!
    const mine = { a: await vpcIn('eu-west-1', MOTO_CREDENTIALS, 'mgmt-eu'), b: await vpcIn('us-east-2', MOTO_CREDENTIALS, 'mgmt-us') }
    const theirs = { a: await vpcIn('eu-west-1', memberCreds, 'member-eu'), b: await vpcIn('us-east-2', memberCreds, 'member-us') }

    const run = await discover(['--org-role', 'vpclens-readonly', '--regions', 'eu-west-1,us-east-2'])
    expect(run.summary).toMatchObject({ env: `org-${ACCOUNT}`, created: true, warnings: [] })
    const s = await snapshotOf(`org-${ACCOUNT}`)
    expect(s.accounts).toEqual([ACCOUNT, member].sort())
    expect(s.regions).toEqual(['eu-west-1', 'us-east-2'])
    expect(byId(s, mine.a)).toMatchObject({ account: ACCOUNT, region: 'eu-west-1', name: 'mgmt-eu' })
    expect(byId(s, mine.b)).toMatchObject({ account: ACCOUNT, region: 'us-east-2', name: 'mgmt-us' })
    expect(byId(s, theirs.a)).toMatchObject({ account: member, region: 'eu-west-1', name: 'member-eu' })
    expect(byId(s, theirs.b)).toMatchObject({ account: member, region: 'us-east-2', name: 'member-us' })
    // Each account sees only its own VPCs (plus its default VPC) in each region.
    expect(s.resources.filter((r) => r.kind === 'vpc' && r.account === member && r.region === 'eu-west-1').map((r) => r.id)).toContain(theirs.a)
    expect(s.resources.filter((r) => r.kind === 'vpc' && r.account === member).map((r) => r.id)).not.toContain(mine.a)
  }, 120_000)

  it('keeps the rest when a region fails, names the failure, and never writes or prints credentials', async () => {
    await seedEnvironment(moto.endpoint, REGION, MOTO_CREDENTIALS)
    const canary = { AWS_ACCESS_KEY_ID: 'AKIAVPCLENSCANARY7Q3Z', AWS_SECRET_ACCESS_KEY: 'vpclens-canary-secret-9f8e7d6c5b4a' }
    // moto answers an unknown region with an HTTP 500: a failing region over the real wire.
    const run = await discover(['--regions', `${REGION},xx-nowhere-9`, '--max-attempts', '2', '--save-raw', join(work, 'raw')], userEnv(canary))
    expect(run.summary.created).toBe(true)
    expect(run.summary.counts.vpc).toBe(3)
    expect(run.summary.warnings).toEqual([expect.objectContaining({ account: ACCOUNT, region: 'xx-nowhere-9', service: 'ec2', operation: 'DescribeVpcs' })])
    expect(run.stderr).toMatch(/1 warning\(s\)[^\n]*\n\s+123456789012 xx-nowhere-9 ec2:DescribeVpcs/)
    const stored = readdirSync(join(work, 'store')).map((f) => readFileSync(join(work, 'store', f)).toString('latin1')).join('\n')
    const raw = readdirSync(join(work, 'raw'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')).join('\n')
    expect(stored).toContain('sg-')
    for (const secret of Object.values(canary)) {
      expect(stored).not.toContain(secret)
      expect(raw).not.toContain(secret)
      expect(run.stdout).not.toContain(secret)
      expect(run.stderr).not.toContain(secret)
    }
  }, 120_000)

  it('refuses any operation that is not a read before it reaches AWS', async () => {
    const seen: string[] = []
    const { ec2 } = buildRegionClients({ endpoint: moto.endpoint, maxAttempts: 1, requestTimeoutMs: 10_000, observe: (_s, op) => seen.push(op) },
      REGION, MOTO_CREDENTIALS)
    await expect(ec2.send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16' }))).rejects.toBeInstanceOf(ReadOnlyViolation)
    const plain = new EC2Client({ endpoint: moto.endpoint, region: REGION, credentials: MOTO_CREDENTIALS })
    const vpcs = await plain.send(new DescribeVpcsCommand({}))
    expect(vpcs.Vpcs!.map((v) => v.CidrBlock)).not.toContain('10.77.0.0/16')
    expect(seen).toEqual([])
    await ec2.send(new DescribeVpcsCommand({}))
    expect(seen).toEqual(['DescribeVpcs'])
  })
})
