/**
 * `vpclens watch` end to end: the real command, real discovery through the AWS SDK against moto, a
 * real SQLite store and a real webhook receiver. Between two runs the test opens ssh to the world;
 * the second run records a version and the receiver gets a signed summary naming that change.
 */
import { createHmac } from 'node:crypto'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, startServe } from '../api/securityProcess.ts'
import { MOTO_CREDENTIALS, type Moto, startMoto } from './moto.ts'

const BIN = fileURLToPath(new URL('../../bin/vpclens.mjs', import.meta.url))
const REGION = 'us-east-1'
const SECRET = 'watch-cli-webhook-secret'
let moto: Moto
let dataDir: string
let receiver: Server
let hookUrl: string
const received: { headers: IncomingHttpHeaders; body: string }[] = []

beforeAll(async () => {
  moto = await startMoto()
  dataDir = mkdtempSync(join(tmpdir(), 'vpclens-watchcli-'))
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => { body += d })
    req.on('end', () => { received.push({ headers: req.headers, body }); res.writeHead(204).end() })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
  hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks/vpclens`
})
afterAll(async () => {
  await moto?.stop()
  await new Promise((r) => receiver.close(r))
  rmSync(dataDir, { recursive: true, force: true })
})

const awsEnv = { AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey, AWS_REGION: REGION }

describe('vpclens watch', () => {
  it('records versions on change and posts a signed summary of the new exposure to the webhook', async () => {
    const ec2 = new EC2Client({ endpoint: moto.endpoint, region: REGION, credentials: MOTO_CREDENTIALS })
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }))).Vpc!.VpcId!
    const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'bastion', Description: 'bastion', VpcId: vpc }))).GroupId!
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }))

    const child = spawn(process.execPath, [BIN, 'watch', '--endpoint', moto.endpoint, '--regions', REGION, '--env', 'lab',
      '--interval', '5s', '--runs', '3', '--json', '--data-dir', dataDir, '--webhook', hookUrl, '--alert-on', 'low'],
    { env: { ...process.env, ...awsEnv, VPCLENS_WEBHOOK_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => { stderr += d })
    const outcomes: { ok: boolean; version?: string; created?: boolean; alerted?: boolean }[] = []
    const exited = new Promise<number | null>((r) => child.once('exit', r))
    for await (const line of createInterface({ input: child.stdout })) {
      outcomes.push(JSON.parse(line))
      // After the first run, open ssh to the world; the next run must see it.
      if (outcomes.length === 1) {
        await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }))
      }
    }
    expect(await exited, stderr).toBe(0)
    expect(outcomes).toEqual([
      { ok: true, env: 'lab', version: '1', created: true, alerted: false },
      { ok: true, env: 'lab', version: '2', created: true, alerted: true },
      { ok: true, env: 'lab', version: '2', created: false, alerted: false },
    ])
    expect(stderr).toMatch(/run 3: lab unchanged since version 2/)

    expect(received).toHaveLength(1)
    const [{ headers, body }] = received
    expect(headers['x-vpclens-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`)
    const payload = JSON.parse(body)
    expect(payload).toMatchObject({ env: 'lab', fromVersion: '1', toVersion: '2', alertOn: 'low' })
    expect(payload.changes.find((c: { resourceId: string }) => c.resourceId === sg)?.summary).toMatch(/22.*0\.0\.0\.0\/0/)
    expect(stderr).not.toContain(SECRET)
  })

  it('serve --refresh runs real discovery on POST and reports the version it recorded', async () => {
    const refreshDir = mkdtempSync(join(tmpdir(), 'vpclens-refresh-'))
    const serve = await startServe(['--data-dir', refreshDir, '--endpoint', moto.endpoint, '--regions', REGION, '--env', 'live'], awsEnv)
    try {
      const started = await fetch(`${serve.url}/api/environments/live/refresh`, { method: 'POST' })
      expect(started.status).toBe(202)
      let status = await started.json()
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 200))
        status = await (await fetch(`${serve.url}/api/environments/live/refresh`)).json()
      }
      expect(status, serve.stderr()).toMatchObject({ env: 'live', state: 'succeeded', version: '1', created: true, error: null })
      expect(status.progress.done).toBeGreaterThan(0)
      const versions = await (await fetch(`${serve.url}/api/environments/live/versions`)).json()
      expect(versions.versions.map((v: { source: string }) => v.source)).toEqual(['discover'])
      expect((await fetch(`${serve.url}/api/environments/other/refresh`, { method: 'POST' })).status).toBe(404)
    } finally {
      await serve.stop()
      rmSync(refreshDir, { recursive: true, force: true })
    }
  })

  it('rejects bad options with one line and exit 2', async () => {
    for (const [args, message] of [
      [['--interval', '1s'], /--interval: expected a duration .*at least 5s/],
      [['--alert-on', 'severe'], /--alert-on: expected one of critical, high, medium, low, info/],
      [['--webhook-secret', 'x'], /--webhook-secret needs --webhook/],
    ] as const) {
      const r = await runCli(['watch', '--regions', REGION, '--data-dir', dataDir, ...args], awsEnv)
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1)
      expect(r.stderr, args.join(' ')).toMatch(message)
    }
  }, 180_000) // three cold starts of the CLI
})
