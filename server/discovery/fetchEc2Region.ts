import {
  DescribeAddressesCommand, DescribeEgressOnlyInternetGatewaysCommand, DescribeInstancesCommand,
  DescribeInternetGatewaysCommand, DescribeManagedPrefixListsCommand, DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand, DescribeNetworkInterfacesCommand, DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand,
  DescribeTransitGatewayAttachmentsCommand, DescribeVpcEndpointsCommand, DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand, type EC2Client, GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2'
import { emptyRegionInventory, type ManagedPrefixList, type RegionInventory } from '../../shared/index.ts'
import { LIST_CALLS } from '../import/importLayout.ts'
import { paginate } from './paginate.ts'
import type { RegionContext } from './RegionContext.ts'
import { isAccessDenied } from './toWarning.ts'

type Command = new (input: Record<string, unknown>) => unknown

/** Each EC2 list call, with the largest MaxResults it accepts (undefined: the call does not page). */
const EC2_COMMANDS: Record<string, { command: Command; maxResults?: number }> = {
  DescribeVpcs: { command: DescribeVpcsCommand as Command, maxResults: 1000 },
  DescribeSubnets: { command: DescribeSubnetsCommand as Command, maxResults: 1000 },
  DescribeRouteTables: { command: DescribeRouteTablesCommand as Command, maxResults: 100 },
  DescribeInternetGateways: { command: DescribeInternetGatewaysCommand as Command, maxResults: 1000 },
  DescribeEgressOnlyInternetGateways: { command: DescribeEgressOnlyInternetGatewaysCommand as Command, maxResults: 255 },
  DescribeNatGateways: { command: DescribeNatGatewaysCommand as Command, maxResults: 1000 },
  DescribeVpcPeeringConnections: { command: DescribeVpcPeeringConnectionsCommand as Command, maxResults: 1000 },
  DescribeTransitGatewayAttachments: { command: DescribeTransitGatewayAttachmentsCommand as Command, maxResults: 1000 },
  DescribeVpcEndpoints: { command: DescribeVpcEndpointsCommand as Command, maxResults: 1000 },
  DescribeManagedPrefixLists: { command: DescribeManagedPrefixListsCommand as Command, maxResults: 100 },
  DescribeNetworkAcls: { command: DescribeNetworkAclsCommand as Command, maxResults: 100 },
  DescribeSecurityGroups: { command: DescribeSecurityGroupsCommand as Command, maxResults: 1000 },
  DescribeSecurityGroupRules: { command: DescribeSecurityGroupRulesCommand as Command, maxResults: 1000 },
  DescribeNetworkInterfaces: { command: DescribeNetworkInterfacesCommand as Command, maxResults: 1000 },
  DescribeInstances: { command: DescribeInstancesCommand as Command, maxResults: 1000 },
  DescribeAddresses: { command: DescribeAddressesCommand as Command },
}

/**
 * Everything EC2 holds for one account × region. DescribeVpcs goes first as a probe: when it fails
 * for any reason but a denied permission (unknown or disabled region, network, bad credentials) the
 * whole region fails with that one error instead of twenty copies of it.
 */
export async function fetchEc2Region(ec2: EC2Client, ctx: RegionContext): Promise<RegionInventory['ec2']> {
  const out = emptyRegionInventory(ctx.account, ctx.region).ec2
  const send = (command: unknown) => ctx.send(() => ec2.send(command as never) as unknown as Promise<Record<string, unknown>>)
  const list = (operation: string) => {
    const { command, maxResults } = EC2_COMMANDS[operation]
    return paginate((NextToken) => send(new command({ ...(maxResults ? { MaxResults: maxResults } : {}), ...(NextToken ? { NextToken } : {}) })),
      'NextToken', LIST_CALLS.find((c) => c.operation === operation)!.responseKey)
  }
  const calls = LIST_CALLS.filter((c) => c.service === 'ec2')
  const [probe, ...rest] = calls
  try {
    (out as unknown as Record<string, unknown[]>)[probe.inventoryKey] = await list(probe.operation)
  } catch (e) {
    if (!isAccessDenied(e)) throw e
    ctx.warn('ec2', probe.operation, e)
  }
  await Promise.all(rest.map(async (c) => {
    try {
      (out as unknown as Record<string, unknown[]>)[c.inventoryKey] = await list(c.operation)
    } catch (e) {
      ctx.warn('ec2', c.operation, e)
    }
  }))
  await Promise.all((out.ManagedPrefixLists as ManagedPrefixList[]).map(async (pl) => {
    try {
      out.PrefixListEntries[pl.PrefixListId] = await paginate((NextToken) => send(new GetManagedPrefixListEntriesCommand({
        PrefixListId: pl.PrefixListId, MaxResults: 100, ...(NextToken ? { NextToken } : {}),
      })), 'NextToken', 'Entries') as never
    } catch (e) {
      ctx.warn('ec2', 'GetManagedPrefixListEntries', e)
    }
  }))
  return out
}
