/**
 * Discovery speed: vpclens (concurrent, paginated SDK calls) against a sequential dump of the same calls
 * with the `aws` CLI (scripts/collect-with-aws-cli.sh, what a cautious user runs), on one moto
 * environment of 500 security groups and 500 ENIs spread over 2 regions. Prints medians and the ratio
 * measured in this one run; never fails on a time. Needs python3 with moto[server] and the aws CLI.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AuthorizeSecurityGroupIngressCommand, CreateNetworkInterfaceCommand, CreateSecurityGroupCommand, CreateSubnetCommand,
  CreateVpcCommand, EC2Client,
} from '@aws-sdk/client-ec2'
import { buildRegionClients } from '../server/discovery/clients.ts'
import { limitConcurrency } from '../server/discovery/limitConcurrency.ts'
import { runDiscovery } from '../server/discovery/runDiscovery.ts'
import { readImportDirectory } from '../server/import/readImportDirectory.ts'
import { normalize } from '../server/snapshot/normalize.ts'
import { MOTO_CREDENTIALS, startMoto } from '../test/integration/moto.ts'
import { runProcess } from '../test/integration/runCli.ts'

const REGIONS = ['eu-west-1', 'us-east-2']
const SGS = 500
const ENIS = 500
const OURS_RUNS = Number(process.env.BENCH_OURS_RUNS ?? 5)
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const moto = await startMoto()
try {
  const seedStart = performance.now()
  const limit = limitConcurrency(8)
  for (const region of REGIONS) {
    const ec2 = new EC2Client({ endpoint: moto.endpoint, region, credentials: MOTO_CREDENTIALS })
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.0.0/20', AvailabilityZone: `${region}a` }))).Subnet!.SubnetId!
    const groups = await Promise.all(Array.from({ length: SGS / REGIONS.length }, (_, i) => limit(async () => {
      const id = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc, GroupName: `sg-${i}`, Description: `group ${i}` }))).GroupId!
      await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 1000 + i, ToPort: 1000 + i, IpRanges: [{ CidrIp: `10.${i % 250}.0.0/16` }] },
      ] }))
      return id
    })))
    await Promise.all(Array.from({ length: ENIS / REGIONS.length }, (_, i) => limit(() =>
      ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, Groups: [groups[i % groups.length]], Description: `eni ${i}` })))))
    ec2.destroy()
  }
  process.stdout.write(`seeded moto: ${SGS} security groups + ${ENIS} ENIs over ${REGIONS.join(', ')} in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`)

  const access = { endpoint: moto.endpoint, maxAttempts: 3, requestTimeoutMs: 60_000 }
  const ours: number[] = []
  let oursHash = ''
  for (let i = 0; i < OURS_RUNS; i++) {
    const t = performance.now()
    const inv = await runDiscovery({
      targets: [{ account: '123456789012', credentials: MOTO_CREDENTIALS }], regions: REGIONS, homeRegion: REGIONS[0], concurrency: 8,
      clientsFor: (target, region) => buildRegionClients(access, region, target.credentials), now: () => new Date(),
    })
    ours.push(performance.now() - t)
    oursHash = normalize(inv).hash
    if (i === 0) {
      const r = inv.regions
      process.stdout.write(`vpclens read ${r.reduce((n, x) => n + x.ec2.SecurityGroups.length, 0)} security groups, ${r.reduce((n, x) => n + x.ec2.NetworkInterfaces.length, 0)} ENIs, ${inv.warnings.length} warnings\n`)
    }
  }

  const cli: number[] = []
  let cliHash = ''
  const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }
  for (let i = 0; i < CLI_RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'vpclens-bench-cli-'))
    const t = performance.now()
    const run = await runProcess('bash', ['scripts/collect-with-aws-cli.sh', dir, '--regions', REGIONS.join(','), '--endpoint-url', moto.endpoint], env)
    cli.push(performance.now() - t)
    if (run.code !== 0) throw new Error(`aws CLI dump failed: ${run.stderr}`)
    cliHash = normalize(readImportDirectory(dir, { collectedAt: new Date().toISOString() })).hash
    rmSync(dir, { recursive: true, force: true })
  }

  const o = median(ours)
  const c = median(cli)
  process.stdout.write(`vpclens discovery (concurrency 8):       median ${(o / 1000).toFixed(2)} s over ${OURS_RUNS} runs [${ours.map((x) => (x / 1000).toFixed(2)).join(', ')}]\n`)
  process.stdout.write(`aws CLI sequential dump (same calls):    median ${(c / 1000).toFixed(2)} s over ${CLI_RUNS} runs [${cli.map((x) => (x / 1000).toFixed(2)).join(', ')}]\n`)
  process.stdout.write(`ratio (aws CLI / vpclens):               ${(c / o).toFixed(1)}x\n`)
  process.stdout.write(`same snapshot hash from both:            ${oursHash === cliHash ? 'yes' : `NO (${oursHash.slice(0, 12)} vs ${cliHash.slice(0, 12)})`}\n`)
} finally {
  await moto.stop()
}
