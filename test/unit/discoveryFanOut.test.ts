/**
 * Discovery's paging, fan-out and failure handling, on responses recorded from moto
 * (test/fixtures/aws/moto-eu-west-1.json) served through aws-sdk-client-mock. Mocks because moto does
 * not page DescribeSecurityGroups, DescribeNetworkInterfaces or DescribeTargetGroups, and cannot be
 * told to deny one call: here the recorded lists are cut into pages and single calls are made to fail.
 */
import { readFileSync } from 'node:fs'
import * as ec2 from '@aws-sdk/client-ec2'
import * as elb from '@aws-sdk/client-elastic-load-balancing-v2'
import { OrganizationsClient, ListAccountsCommand } from '@aws-sdk/client-organizations'
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, describe, expect, it } from 'vitest'
import type { RegionClients } from '../../server/discovery/clients.ts'
import { resolveTargets } from '../../server/discovery/resolveTargets.ts'
import { runDiscovery } from '../../server/discovery/runDiscovery.ts'
import { normalize } from '../../server/snapshot/normalize.ts'

const recorded = JSON.parse(readFileSync(new URL('../fixtures/aws/moto-eu-west-1.json', import.meta.url), 'utf8')) as Record<string, any>
const ACCOUNT = '123456789012'
const now = () => new Date('2026-11-29T12:00:00.000Z')

/** Lists served in pages of `size`, with the token each service uses. */
const PAGED: Record<string, { key: string; size: number; tokenIn: string; tokenOut: string }> = {
  DescribeSecurityGroups: { key: 'SecurityGroups', size: 2, tokenIn: 'NextToken', tokenOut: 'NextToken' },
  DescribeNetworkInterfaces: { key: 'NetworkInterfaces', size: 3, tokenIn: 'NextToken', tokenOut: 'NextToken' },
  DescribeLoadBalancers: { key: 'LoadBalancers', size: 1, tokenIn: 'Marker', tokenOut: 'NextMarker' },
  DescribeTargetGroups: { key: 'TargetGroups', size: 1, tokenIn: 'Marker', tokenOut: 'NextMarker' },
}
const KEYED: Record<string, string> = {
  GetManagedPrefixListEntries: 'PrefixListId', DescribeListeners: 'LoadBalancerArn', DescribeRules: 'ListenerArn',
  DescribeTargetHealth: 'TargetGroupArn', DescribeTargetGroupAttributes: 'TargetGroupArn',
}

interface Served { clients: RegionClients; inputs: Record<string, Record<string, unknown>[]> }

/** Clients answering from the recording, paged (or not), with `fail` naming calls that are denied. */
function recordedRegion(region: string, opts: { paged: boolean; fail?: Record<string, Error> }): Served {
  const inputs: Served['inputs'] = {}
  const clients = { ec2: new ec2.EC2Client({ region }), elbv2: new elb.ElasticLoadBalancingV2Client({ region }) }
  const mocks: Record<'ec2' | 'elbv2', any> = { ec2: mockClient(clients.ec2), elbv2: mockClient(clients.elbv2) }
  for (const op of Object.keys(recorded)) {
    const service = `${op}Command` in ec2 ? 'ec2' : 'elbv2'
    const Cmd = (service === 'ec2' ? ec2 : elb as any)[`${op}Command`]
    mocks[service].on(Cmd).callsFake(async (input: Record<string, unknown>) => {
      (inputs[op] ??= []).push(input)
      if (opts.fail?.[op]) throw opts.fail[op]
      if (KEYED[op]) return recorded[op][input[KEYED[op]] as string]
      const paging = PAGED[op]
      if (!opts.paged || !paging) return recorded[op]
      const all = recorded[op][paging.key] as unknown[]
      const page = input[paging.tokenIn] ? Number(String(input[paging.tokenIn]).replace('page-', '')) : 0
      const next = (page + 1) * paging.size < all.length ? `page-${page + 1}` : undefined
      return { [paging.key]: all.slice(page * paging.size, (page + 1) * paging.size), ...(next ? { [paging.tokenOut]: next } : {}) }
    })
  }
  return { clients, inputs }
}

const denied = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } })
const discover = (byRegion: Record<string, () => Served>) => runDiscovery({
  targets: [{ account: ACCOUNT }], regions: Object.keys(byRegion), homeRegion: 'eu-west-1', concurrency: 4,
  clientsFor: (_t, region) => byRegion[region]().clients, now,
})

afterEach(() => { mockClient(STSClient).restore(); mockClient(OrganizationsClient).restore() })

describe('discovery over recorded responses', () => {
  it('follows NextToken and NextMarker over several pages, asking for the largest page size, and loses nothing', async () => {
    let paged!: Served
    const inv = await discover({ 'eu-west-1': () => (paged = recordedRegion('eu-west-1', { paged: true })) })
    const whole = await discover({ 'eu-west-1': () => recordedRegion('eu-west-1', { paged: false }) })
    expect(inv.warnings).toEqual([])
    expect(inv.regions[0].ec2.SecurityGroups).toHaveLength(recorded.DescribeSecurityGroups.SecurityGroups.length)
    expect(normalize(inv).hash).toBe(normalize(whole).hash)

    expect(paged.inputs.DescribeSecurityGroups).toEqual([
      { MaxResults: 1000 }, { MaxResults: 1000, NextToken: 'page-1' }, { MaxResults: 1000, NextToken: 'page-2' },
    ])
    expect(paged.inputs.DescribeNetworkInterfaces).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 'page-1' }])
    expect(paged.inputs.DescribeLoadBalancers).toEqual([{ PageSize: 400 }, { PageSize: 400, Marker: 'page-1' }])
    expect(paged.inputs.DescribeTargetGroups).toEqual([{ PageSize: 400 }, { PageSize: 400, Marker: 'page-1' }])
    // Per-resource calls: one per load balancer, listener, target group and prefix list.
    expect(paged.inputs.DescribeListeners.map((i) => i.LoadBalancerArn).sort())
      .toEqual(recorded.DescribeLoadBalancers.LoadBalancers.map((l: any) => l.LoadBalancerArn).sort())
    expect(paged.inputs.DescribeTargetHealth).toHaveLength(recorded.DescribeTargetGroups.TargetGroups.length)
    expect(Object.keys(inv.regions[0].elbv2.Rules).sort()).toEqual(Object.keys(recorded.DescribeRules).sort())
    expect(Object.keys(inv.regions[0].ec2.PrefixListEntries).sort()).toEqual(Object.keys(recorded.GetManagedPrefixListEntries).sort())
  })

  it('keeps the other region when one region fails, with one warning naming account, region and operation', async () => {
    const authFailure = denied('AuthFailure', 'AWS was not able to validate the provided access credentials')
    const everything = Object.fromEntries(Object.keys(recorded).map((op) => [op, authFailure]))
    const inv = await discover({
      'eu-west-1': () => recordedRegion('eu-west-1', { paged: true }),
      'ap-south-2': () => recordedRegion('ap-south-2', { paged: false, fail: everything }),
    })
    expect(inv.regions.map((r) => r.region)).toEqual(['eu-west-1'])
    expect(inv.regions[0].ec2.Vpcs.length).toBeGreaterThan(0)
    expect(inv.warnings).toEqual([{
      account: ACCOUNT, region: 'ap-south-2', service: 'ec2', operation: 'DescribeVpcs', code: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
    }])
  })

  it('records a denied call as a warning and keeps everything else of the region', async () => {
    const inv = await discover({
      'eu-west-1': () => recordedRegion('eu-west-1', {
        paged: true,
        fail: {
          DescribeNatGateways: denied('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
          DescribeTargetHealth: denied('AccessDenied', 'User is not authorized to perform: elasticloadbalancing:DescribeTargetHealth'),
        },
      }),
    })
    const r = inv.regions[0]
    expect(r.ec2.NatGateways).toEqual([])
    expect(r.ec2.SecurityGroups.length).toBe(recorded.DescribeSecurityGroups.SecurityGroups.length)
    expect(r.elbv2.TargetGroups.length).toBe(recorded.DescribeTargetGroups.TargetGroups.length)
    expect(inv.warnings.map((w) => [w.region, w.service, w.operation, w.code])).toEqual([
      ['eu-west-1', 'ec2', 'DescribeNatGateways', 'UnauthorizedOperation'],
      ...recorded.DescribeTargetGroups.TargetGroups.map(() => ['eu-west-1', 'elbv2', 'DescribeTargetHealth', 'AccessDenied']),
    ])
  })

  it('lists organization accounts over several pages and keeps going when one role cannot be assumed', async () => {
    mockClient(STSClient)
      .on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/me` })
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::222222222222:role/reader' })
      .resolves({ Credentials: { AccessKeyId: 'ASIAEXAMPLEEXAMPLE22', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) } })
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::333333333333:role/reader' })
      .rejects(denied('AccessDenied', 'not authorized to perform sts:AssumeRole'))
    const org = mockClient(OrganizationsClient)
    org.on(ListAccountsCommand, { NextToken: undefined }).resolves({ Accounts: [{ Id: ACCOUNT, Status: 'ACTIVE' }, { Id: '222222222222', Status: 'ACTIVE' }], NextToken: 'p2' })
    org.on(ListAccountsCommand, { NextToken: 'p2' }).resolves({ Accounts: [{ Id: '333333333333', Status: 'ACTIVE' }, { Id: '444444444444', Status: 'SUSPENDED' }] })
    const access = { maxAttempts: 1, requestTimeoutMs: 1000 }
    const { caller, targets, warnings } = await resolveTargets(access, 'eu-west-1', { orgRole: 'reader' })
    expect(caller).toBe(ACCOUNT)
    expect(targets.map((t) => t.account)).toEqual([ACCOUNT, '222222222222'])
    expect(warnings).toEqual([expect.objectContaining({ account: '333333333333', service: 'sts', operation: 'AssumeRole', code: 'AccessDenied' })])
    expect(org.commandCalls(ListAccountsCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 20 }, { MaxResults: 20, NextToken: 'p2' }])
  })
})
