/**
 * Throttling, retries and timeouts at the HTTP level. aws-sdk-client-mock replaces `send`, which skips
 * the SDK middleware where retries live, so these tests give the real clients (built by clients.ts) a
 * request handler that replays recorded HTTP responses: EC2's DescribeVpcs as moto sent it
 * (test/fixtures/aws/describe-vpcs.xml) and AWS's documented throttling errors.
 */
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { Readable } from 'node:stream'
import { DescribeVpcsCommand } from '@aws-sdk/client-ec2'
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2'
import { afterEach, describe, expect, it } from 'vitest'
import { type AwsAccess, buildRegionClients } from '../../server/discovery/clients.ts'
import { runDiscovery } from '../../server/discovery/runDiscovery.ts'

const VPCS_XML = readFileSync(new URL('../fixtures/aws/describe-vpcs.xml', import.meta.url), 'utf8')
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }
const EC2_THROTTLED = '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>'
const ELB_THROTTLED = '<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r2</RequestId></ErrorResponse>'

type Reply = { status: number; body: string }
/** A request handler that answers each Action from a script of replies (the last one repeats), or an empty list. */
function replay(script: Record<string, Reply[]>) {
  const seen: string[] = []
  const handler = {
    async handle(request: { body?: string }) {
      const params = new URLSearchParams(String(request.body ?? ''))
      const action = params.get('Action') ?? '?'
      seen.push(action)
      const queue = script[action]
      const reply = queue ? (queue.length > 1 ? queue.shift()! : queue[0]) : emptyReply(action, params.get('Version') === '2016-11-15')
      return { response: { statusCode: reply.status, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(reply.body)]) } }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() { return {} },
    destroy() {},
  }
  return { handler, seen }
}
function emptyReply(action: string, isEc2: boolean): Reply {
  return isEc2
    ? { status: 200, body: `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>1</requestId></${action}Response>` }
    : { status: 200, body: `<${action}Response xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><${action}Result/><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>` }
}
const access = (handler: unknown, maxAttempts = 4): AwsAccess =>
  ({ endpoint: 'http://127.0.0.1:9', maxAttempts, requestTimeoutMs: 5000, requestHandler: handler as AwsAccess['requestHandler'] })

let server: Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

describe('retries and timeouts', () => {
  it('retries EC2 RequestLimitExceeded and ELBv2 Throttling, then returns the real response', async () => {
    const { handler, seen } = replay({
      DescribeVpcs: [{ status: 503, body: EC2_THROTTLED }, { status: 503, body: EC2_THROTTLED }, { status: 200, body: VPCS_XML }],
      DescribeLoadBalancers: [{ status: 400, body: ELB_THROTTLED }, emptyReply('DescribeLoadBalancers', false)],
    })
    const { ec2, elbv2 } = buildRegionClients(access(handler), 'eu-west-1', credentials)
    const vpcs = await ec2.send(new DescribeVpcsCommand({}))
    expect(vpcs.Vpcs!.length).toBeGreaterThan(0)
    expect(vpcs.$metadata.attempts).toBe(3)
    const lbs = await elbv2.send(new DescribeLoadBalancersCommand({}))
    expect(lbs.$metadata.attempts).toBe(2)
    expect(seen).toEqual(['DescribeVpcs', 'DescribeVpcs', 'DescribeVpcs', 'DescribeLoadBalancers', 'DescribeLoadBalancers'])
  })

  it('gives up after max attempts: the region becomes one warning with the throttling code, other regions are kept', async () => {
    const throttled = replay({ DescribeVpcs: [{ status: 503, body: EC2_THROTTLED }] })
    const fine = replay({ DescribeVpcs: [{ status: 200, body: VPCS_XML }] })
    const inv = await runDiscovery({
      targets: [{ account: '123456789012', credentials }], regions: ['eu-west-1', 'us-east-2'], homeRegion: 'eu-west-1', concurrency: 4,
      clientsFor: (t, region) => buildRegionClients(access(region === 'us-east-2' ? throttled.handler : fine.handler, 2), region, t.credentials),
      now: () => new Date(),
    })
    expect(throttled.seen.filter((a) => a === 'DescribeVpcs')).toHaveLength(2)
    expect(inv.regions.map((r) => r.region)).toEqual(['eu-west-1'])
    expect(inv.regions[0].ec2.Vpcs.length).toBeGreaterThan(0)
    expect(inv.warnings).toEqual([expect.objectContaining({ region: 'us-east-2', operation: 'DescribeVpcs', code: 'RequestLimitExceeded' })])
  })

  it('times out a call that never answers, and reports it as that region\'s warning', async () => {
    // A real socket that accepts and never replies: the per-attempt timeout must end the call.
    server = createServer(() => { /* never answer */ })
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()))
    const port = (server.address() as { port: number }).port
    const inv = await runDiscovery({
      targets: [{ account: '123456789012', credentials }], regions: ['eu-west-1'], homeRegion: 'eu-west-1', concurrency: 2,
      clientsFor: (t, region) => buildRegionClients({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1, requestTimeoutMs: 300 }, region, t.credentials),
      now: () => new Date(),
    })
    server.closeAllConnections()
    expect(inv.regions).toEqual([])
    expect(inv.warnings).toEqual([expect.objectContaining({ region: 'eu-west-1', operation: 'DescribeVpcs', code: 'TimeoutError' })])
  })
})
