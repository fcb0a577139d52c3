import type { CollectionWarning, Inventory, RegionInventory } from '../../shared/index.ts'
import { INTEGRITY_CODES } from '../../shared/index.ts'
import { LIST_CALLS } from '../import/importLayout.ts'

/** Where a call's data came from, for warnings: a file of the import layout, or the call itself. */
export type Locate = (where: { account: string; region: string; service: string; operation: string }) => string

/** Discovery names the call: `ec2:DescribeNetworkInterfaces in 111122223333/eu-west-1`. */
export const callLabel: Locate = (w) => `${w.service}:${w.operation} in ${w.account}/${w.region}`

type Item = Record<string, unknown>
interface ListSpec { service: 'ec2' | 'elbv2'; key: string; operation: string; noun: string; id: (x: Item) => unknown; acrossRegions?: boolean }

const op = (key: string) => LIST_CALLS.find((c) => c.inventoryKey === key)!.operation
const spec = (service: 'ec2' | 'elbv2', key: string, noun: string, idField: string, acrossRegions = false): ListSpec =>
  ({ service, key, operation: op(key), noun, id: (x) => x[idField], acrossRegions })

/** Every list with an identity. Peering connections legitimately appear in two regions (inter-region peering). */
const LISTS: readonly ListSpec[] = [
  spec('ec2', 'Vpcs', 'VPC', 'VpcId'), spec('ec2', 'Subnets', 'subnet', 'SubnetId'),
  spec('ec2', 'RouteTables', 'route table', 'RouteTableId'), spec('ec2', 'InternetGateways', 'internet gateway', 'InternetGatewayId'),
  spec('ec2', 'EgressOnlyInternetGateways', 'egress-only internet gateway', 'EgressOnlyInternetGatewayId'),
  spec('ec2', 'NatGateways', 'NAT gateway', 'NatGatewayId'),
  spec('ec2', 'VpcPeeringConnections', 'peering connection', 'VpcPeeringConnectionId', true),
  spec('ec2', 'TransitGatewayAttachments', 'transit gateway attachment', 'TransitGatewayAttachmentId'),
  spec('ec2', 'VpcEndpoints', 'VPC endpoint', 'VpcEndpointId'), spec('ec2', 'ManagedPrefixLists', 'prefix list', 'PrefixListId'),
  spec('ec2', 'NetworkAcls', 'network ACL', 'NetworkAclId'), spec('ec2', 'SecurityGroups', 'security group', 'GroupId'),
  spec('ec2', 'SecurityGroupRules', 'security group rule', 'SecurityGroupRuleId'),
  spec('ec2', 'NetworkInterfaces', 'network interface', 'NetworkInterfaceId'), spec('ec2', 'Reservations', 'reservation', 'ReservationId'),
  { service: 'ec2', key: 'Addresses', operation: op('Addresses'), noun: 'address', id: (x) => x.AllocationId ?? x.PublicIp },
  spec('elbv2', 'LoadBalancers', 'load balancer', 'LoadBalancerArn'), spec('elbv2', 'Listeners', 'listener', 'ListenerArn'),
  spec('elbv2', 'TargetGroups', 'target group', 'TargetGroupArn'),
]

/** Warnings of one kind in one file or call beyond this many are summed up in one more line. */
const PER_FILE = 20

/**
 * Referential integrity of an inventory (pure). Duplicates are dropped, the first copy kept: the same
 * id twice in one call's output, or in two regions (the same data copied into two region folders).
 * The same id in two accounts of one region stays (shared subnets, AWS-managed prefix lists: normalize
 * keeps one). Dangling references (an interface whose subnet or security group is absent, a route to a
 * missing gateway…) are kept and reported, so analysis can answer `unknown` for what depends on them.
 * A reference into a call that was not collected is not reported again: the NotCollected warning says it.
 */
export function checkIntegrity(inventory: Inventory, locate: Locate = callLabel): { inventory: Inventory; warnings: CollectionWarning[] } {
  const out = new Warnings(locate)
  const firstSeen = new Map<string, RegionInventory>()
  const regions = inventory.regions.map((region) => {
    const copy: RegionInventory = { ...region, ec2: { ...region.ec2 }, elbv2: { ...region.elbv2 } }
    for (const l of LISTS) {
      const list = (region[l.service] as unknown as Record<string, Item[]>)[l.key]
      const kept: Item[] = []
      for (const item of list) {
        const id = l.id(item)
        if (typeof id !== 'string') { kept.push(item); continue }
        const k = `${l.key}\n${id}`
        const first = firstSeen.get(k)
        if (!first) { firstSeen.set(k, region); kept.push(item); continue }
        if (first === region) {
          out.add(region, l, 'DuplicateResource', `${l.noun} ${id} appears more than once; the first copy is used`)
        } else if (first.region !== region.region && !l.acrossRegions) {
          out.add(region, l, 'DuplicateResource', `${l.noun} ${id} is also in ${first.account}/${first.region}; that copy is used and this one ignored`)
        } else kept.push(item)
      }
      ;(copy[l.service] as unknown as Record<string, Item[]>)[l.key] = kept
    }
    return copy
  })
  danglingReferences(regions, inventory.warnings, out)
  return { inventory: { ...inventory, regions }, warnings: out.list() }
}

function danglingReferences(regions: readonly RegionInventory[], warnings: readonly CollectionWarning[], out: Warnings): void {
  const ids = new Map<string, Set<string>>()
  for (const r of regions) {
    for (const l of LISTS) {
      const set = ids.get(l.key) ?? new Set<string>()
      for (const item of (r[l.service] as unknown as Record<string, Item[]>)[l.key]) {
        const id = l.id(item)
        if (typeof id === 'string') set.add(id)
      }
      ids.set(l.key, set)
    }
  }
  const missing = new Set<string>()
  for (const w of warnings) if (!(INTEGRITY_CODES as readonly string[]).includes(w.code)) missing.add(`${w.account} ${w.region} ${w.operation}`)
  const byKey = new Map(LISTS.map((l) => [l.key, l]))

  for (const r of regions) {
    /** `from` (a list) refers to `id` of list `to`: report when absent, unless `to`'s call was not collected here. */
    const ref = (fromKey: string, what: string, toKey: string, id: unknown) => {
      if (typeof id !== 'string' || id === '' || ids.get(toKey)!.has(id)) return
      const to = byKey.get(toKey)!
      if (missing.has(`${r.account} ${r.region} ${to.operation}`)) return
      out.add(r, byKey.get(fromKey)!, 'DanglingReference', `${what} refers to ${to.noun} ${id}, which is not in the data`)
    }
    const { ec2, elbv2 } = r
    for (const e of ec2.NetworkInterfaces) {
      const what = `network interface ${e.NetworkInterfaceId}`
      ref('NetworkInterfaces', what, 'Subnets', e.SubnetId)
      ref('NetworkInterfaces', what, 'Vpcs', e.VpcId)
      for (const g of e.Groups ?? []) ref('NetworkInterfaces', what, 'SecurityGroups', g.GroupId)
    }
    for (const s of ec2.Subnets) ref('Subnets', `subnet ${s.SubnetId}`, 'Vpcs', s.VpcId)
    for (const t of ec2.RouteTables) {
      const what = `route table ${t.RouteTableId}`
      ref('RouteTables', what, 'Vpcs', t.VpcId)
      for (const a of t.Associations ?? []) ref('RouteTables', what, 'Subnets', a.SubnetId)
      for (const route of t.Routes ?? []) {
        // A blackhole route is AWS saying its target is gone; BLACKHOLE_ROUTE reports it.
        if (route.State === 'blackhole') continue
        const dest = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock ?? route.DestinationPrefixListId ?? '?'
        if (route.GatewayId?.startsWith('igw-')) ref('RouteTables', `${what} route ${dest}`, 'InternetGateways', route.GatewayId)
        ref('RouteTables', `${what} route ${dest}`, 'NatGateways', route.NatGatewayId)
        ref('RouteTables', `${what} route ${dest}`, 'EgressOnlyInternetGateways', route.EgressOnlyInternetGatewayId)
      }
    }
    for (const a of ec2.NetworkAcls) {
      ref('NetworkAcls', `network ACL ${a.NetworkAclId}`, 'Vpcs', a.VpcId)
      for (const s of a.Associations ?? []) ref('NetworkAcls', `network ACL ${a.NetworkAclId}`, 'Subnets', s.SubnetId)
    }
    for (const g of ec2.InternetGateways) for (const a of g.Attachments ?? []) ref('InternetGateways', `internet gateway ${g.InternetGatewayId}`, 'Vpcs', a.VpcId)
    for (const g of ec2.SecurityGroups) {
      ref('SecurityGroups', `security group ${g.GroupId}`, 'Vpcs', g.VpcId)
      for (const p of [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]) {
        for (const pl of p.PrefixListIds ?? []) ref('SecurityGroups', `security group ${g.GroupId}`, 'ManagedPrefixLists', pl.PrefixListId)
      }
    }
    for (const pl of ec2.ManagedPrefixLists) {
      if (ec2.PrefixListEntries[pl.PrefixListId] || missing.has(`${r.account} ${r.region} GetManagedPrefixListEntries`)) continue
      out.add(r, byKey.get('ManagedPrefixLists')!, 'DanglingReference', `the entries of prefix list ${pl.PrefixListId} (GetManagedPrefixListEntries) are not in the data`)
    }
    for (const res of ec2.Reservations) for (const i of res.Instances ?? []) ref('Reservations', `instance ${i.InstanceId}`, 'Subnets', i.SubnetId)
    for (const lb of elbv2.LoadBalancers) {
      const what = `load balancer ${lb.LoadBalancerArn}`
      for (const z of lb.AvailabilityZones ?? []) ref('LoadBalancers', what, 'Subnets', z.SubnetId)
      for (const g of lb.SecurityGroups ?? []) ref('LoadBalancers', what, 'SecurityGroups', g)
    }
    for (const l of elbv2.Listeners) ref('Listeners', `listener ${l.ListenerArn}`, 'LoadBalancers', l.LoadBalancerArn)
  }
}

/** Integrity warnings, at most PER_FILE of one code per file or call, then one line with the rest's count. */
class Warnings {
  private readonly items: CollectionWarning[] = []
  private readonly counts = new Map<string, { w: Omit<CollectionWarning, 'message'>; where: string; n: number }>()
  constructor(private readonly locate: Locate) {}

  add(r: RegionInventory, l: ListSpec, code: (typeof INTEGRITY_CODES)[number], text: string): void {
    const base = { account: r.account, region: r.region, service: l.service, operation: l.operation, code }
    const k = `${r.account} ${r.region} ${l.operation} ${code}`
    const c = this.counts.get(k) ?? { w: base, where: this.locate(base), n: 0 }
    c.n++
    this.counts.set(k, c)
    if (c.n <= PER_FILE) this.items.push({ ...base, message: `${c.where}: ${text}` })
  }

  list(): CollectionWarning[] {
    const out = [...this.items]
    for (const c of this.counts.values()) {
      if (c.n > PER_FILE) out.push({ ...c.w, message: `${c.where}: … and ${c.n - PER_FILE} more ${c.w.code === 'DanglingReference' ? 'dangling references' : 'duplicates'}` })
    }
    return out
  }
}
