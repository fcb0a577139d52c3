import {
  DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand, DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { emptyRegionInventory, type LoadBalancer, type Listener, type RegionInventory, type TargetGroup } from '../../shared/index.ts'
import { paginate } from './paginate.ts'
import type { RegionContext } from './RegionContext.ts'

/** ELBv2 list calls accept PageSize up to 400; it goes in the input (the SDK's paginators do not send it). */
const PAGE_SIZE = 400

/** Load balancers, their listeners and rules, target groups with their health and attributes. */
export async function fetchElbv2Region(elbv2: ElasticLoadBalancingV2Client, ctx: RegionContext): Promise<RegionInventory['elbv2']> {
  const out = emptyRegionInventory(ctx.account, ctx.region).elbv2
  const send = (command: unknown) => ctx.send(() => elbv2.send(command as never) as unknown as Promise<Record<string, unknown>>)
  const attempt = async (operation: string, fn: () => Promise<void>) => {
    try { await fn() } catch (e) { ctx.warn('elbv2', operation, e) }
  }
  const pages = (make: (Marker: string | undefined) => unknown, key: string) =>
    paginate((Marker) => send(make(Marker)), 'NextMarker', key)
  const marker = (m: string | undefined) => (m ? { Marker: m } : {})

  await Promise.all([
    attempt('DescribeLoadBalancers', async () => {
      out.LoadBalancers = await pages((m) => new DescribeLoadBalancersCommand({ PageSize: PAGE_SIZE, ...marker(m) }), 'LoadBalancers') as LoadBalancer[]
      const listeners = await Promise.all(out.LoadBalancers.map(async (lb) => {
        let found: Listener[] = []
        await attempt('DescribeListeners', async () => {
          found = await pages((m) => new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn, PageSize: PAGE_SIZE, ...marker(m) }), 'Listeners') as Listener[]
        })
        return found
      }))
      out.Listeners = listeners.flat()
      await Promise.all(out.Listeners.map((l) => attempt('DescribeRules', async () => {
        out.Rules[l.ListenerArn] = await pages((m) => new DescribeRulesCommand({ ListenerArn: l.ListenerArn, PageSize: PAGE_SIZE, ...marker(m) }), 'Rules') as never
      })))
    }),
    attempt('DescribeTargetGroups', async () => {
      out.TargetGroups = await pages((m) => new DescribeTargetGroupsCommand({ PageSize: PAGE_SIZE, ...marker(m) }), 'TargetGroups') as TargetGroup[]
      await Promise.all(out.TargetGroups.flatMap((tg) => [
        attempt('DescribeTargetHealth', async () => {
          const r = await send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }))
          out.TargetHealth[tg.TargetGroupArn] = (r.TargetHealthDescriptions ?? []) as never
        }),
        attempt('DescribeTargetGroupAttributes', async () => {
          const r = await send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }))
          out.TargetGroupAttributes[tg.TargetGroupArn] = (r.Attributes ?? []) as never
        }),
      ]))
    }),
  ])
  return out
}
