/**
 * `vpclens discover --regions all` and the "nothing readable" exits, end to end: the real `vpclens`
 * binary, the real SDK over HTTP against moto (or against a closed port), the real SQLite store.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from 'node:net'
import { CreateVpcCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { MOTO_CREDENTIALS, type Moto, startMoto } from './moto.ts'
import { runCli } from './runCli.ts'

const ACCOUNT = '123456789012'
let moto: Moto
let work: string

beforeAll(async () => { moto = await startMoto() })
afterAll(async () => { await moto?.stop() })
beforeEach(async () => {
  await moto.reset()
  work = mkdtempSync(join(tmpdir(), 'vpclens-all-regions-'))
  return () => rmSync(work, { recursive: true, force: true })
})

/** A user's shell: credentials in the environment, and no AWS config files from this machine. */
const userEnv = () => ({
  AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined,
  AWS_CONFIG_FILE: join(work, 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
  AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: undefined,
})

const tagged = async (region: string, name: string) =>
  (await new EC2Client({ endpoint: moto.endpoint, region, credentials: MOTO_CREDENTIALS }).send(new CreateVpcCommand({
    CidrBlock: '10.42.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }],
  }))).Vpc!.VpcId!

/** The `vpclens:` error line(s); progress lines on stderr are not part of it. */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('vpclens:'))

/** A loopback port that was free a moment ago and has nothing listening on it. */
const closedPort = () => new Promise<number>((resolve, reject) => {
  const srv = createServer()
  srv.once('error', reject)
  srv.listen(0, '127.0.0.1', () => {
    const addr = srv.address()
    srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))))
  })
})

describe('vpclens discover --regions all against moto', () => {
  it('asks DescribeRegions, discovers every enabled region, and stores the VPCs of two of them', async () => {
    const eu = await tagged('eu-west-1', 'all-eu')
    const ap = await tagged('ap-southeast-2', 'all-ap')
    // What moto's DescribeRegions says is enabled, asked the way discovery asks it.
    const listed = (await new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS })
      .send(new DescribeRegionsCommand({ AllRegions: false }))).Regions ?? []
    const enabled = listed.filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName!).sort()
    expect(enabled).toEqual(expect.arrayContaining(['eu-west-1', 'ap-southeast-2']))
    // moto lists opt-in regions the account has not opted into (ap-east-1 among them) only with AllRegions.
    const optIn = ((await new EC2Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: MOTO_CREDENTIALS })
      .send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? [])
      .filter((r) => r.OptInStatus === 'not-opted-in').map((r) => r.RegionName!)
    expect(optIn).toContain('ap-east-1')
    const notOptedIn = await tagged('ap-east-1', 'not-opted-in')

    const run = await runCli(['discover', '--regions', 'all', '--json', '--endpoint', moto.endpoint, '--data-dir', join(work, 'store')], userEnv())
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as { env: string; created: boolean; regions: string[]; warnings: { region: string }[] }
    expect(summary).toMatchObject({ env: ACCOUNT, created: true })
    expect([...summary.regions].sort()).toEqual(enabled)
    for (const r of optIn) expect(summary.regions).not.toContain(r)
    const warnedRegions = summary.warnings.map((w) => w.region)
    expect(warnedRegions).not.toContain('eu-west-1')
    expect(warnedRegions).not.toContain('ap-southeast-2')

    const store = openSqliteStore(join(work, 'store'))
    try {
      const s = (await store.getSnapshot(ACCOUNT, 'latest'))!
      // Every region DescribeRegions returned was either read or named in a warning, none dropped silently.
      expect([...new Set([...s.regions, ...warnedRegions])].sort()).toEqual(enabled)
      expect(s.regions).toEqual(expect.arrayContaining(['eu-west-1', 'ap-southeast-2']))
      expect(s.resources.find((r) => r.id === eu)).toMatchObject({ kind: 'vpc', region: 'eu-west-1', name: 'all-eu' })
      expect(s.resources.find((r) => r.id === ap)).toMatchObject({ kind: 'vpc', region: 'ap-southeast-2', name: 'all-ap' })
      expect(s.resources.find((r) => r.id === notOptedIn)).toBeUndefined()
    } finally {
      await store.close()
    }
  }, 180_000)
})

describe('vpclens discover when nothing can be read', () => {
  it('exits 2 with one clear line and stores nothing when the endpoint does not answer', async () => {
    const port = await closedPort()
    const dataDir = join(work, 'store')
    const run = await runCli(['discover', '--endpoint', `http://127.0.0.1:${port}`, '--max-attempts', '1', '--timeout', '2',
      '--regions', 'eu-west-1', '--json', '--data-dir', dataDir], userEnv())
    expect(run.code, run.stderr).toBe(2)
    expect(run.stdout).toBe('')
    const lines = errorLines(run.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^vpclens: cannot establish who is calling \(sts:GetCallerIdentity\): .+/)
    expect(run.stderr).not.toContain('    at ') // no stack trace
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([])
  }, 60_000)

  it('exits 2 naming the failed calls and stores nothing when the caller is known but no region can be read', async () => {
    // moto answers STS, but an unknown region with HTTP 500 on every EC2 call: the run reaches the
    // "nothing could be read" check rather than failing on the caller's identity.
    const dataDir = join(work, 'store')
    const run = await runCli(['discover', '--endpoint', moto.endpoint, '--max-attempts', '1', '--timeout', '5',
      '--regions', 'xx-nowhere-9', '--json', '--data-dir', dataDir], userEnv())
    expect(run.code, run.stderr).toBe(2)
    expect(run.stdout).toBe('')
    const lines = errorLines(run.stderr)
    expect(lines).toEqual(['vpclens: nothing could be read, so nothing was stored:'])
    expect(run.stderr).toMatch(/nothing was stored:\n\s+123456789012 xx-nowhere-9 Describe\w+: /)
    if (existsSync(dataDir)) {
      const store = openSqliteStore(dataDir)
      try { expect(await store.listEnvironments()).toEqual([]) } finally { await store.close() }
    }
  }, 60_000)
})
