import { SEVERITIES, type Severity, type UnknownVerdict } from '../../shared/index.ts'
import { ingressRules } from './directExposure.ts'
import { resolveTarget } from './lbTargets.ts'
import type { EniC, LoadBalancerC, Model, SgRuleC, SubnetC } from './Model.ts'
import { hasPorts, protocolName } from './protocols.ts'
import { exposureSeverity } from '../../shared/network/index.ts'
import { breadthOf } from './breadthOf.ts'

/**
 * Which verdicts the data cannot decide (aws-network-semantics.md, the layers of §10 phase B/C):
 * a verdict is `unknown` when a call it depends on was not collected for the account × region, or
 * when it follows a reference to something the data does not hold. Only the affected verdicts:
 * an interface whose security groups admit nothing from the internet is "not exposed" whatever the
 * routes say, and one without a public address is stopped at the address whatever the rest says.
 */

/** The calls the path from the internet gateway to an interface's subnet depends on (the security groups apart). */
const PATH_CALLS = ['DescribeVpcs', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeInternetGateways', 'DescribeNetworkAcls']
/** The calls a load balancer's path depends on besides the EC2 path of its nodes and targets. */
const LB_CALLS = ['DescribeListeners', 'DescribeRules', 'DescribeTargetGroups', 'DescribeTargetHealth', 'DescribeTargetGroupAttributes']

class Gaps {
  readonly calls = new Set<string>()
  readonly ids = new Set<string>()
  constructor(private readonly model: Model, readonly account: string, readonly region: string) {}
  /** Operations of `ops` not collected where the verdict's data lives. */
  need(ops: readonly string[], account = this.account, region = this.region): void {
    const missing = this.model.notCollected.get(`${account}/${region}`)
    for (const op of ops) if (missing?.has(op)) this.calls.add(op)
  }
  /** `id` of a list whose call `op` was collected is absent: a dangling reference (else the call is what is missing). */
  ref(id: string, op: string, account = this.account, region = this.region): void {
    if (this.model.notCollected.get(`${account}/${region}`)?.has(op)) this.calls.add(op)
    else this.ids.add(id)
  }
  get empty(): boolean { return this.calls.size === 0 && this.ids.size === 0 }
}

/** The direct exposure verdict of one interface, when the data cannot decide it; null when it can. */
export function unknownDirect(model: Model, eni: EniC): UnknownVerdict | null {
  const gaps = new Gaps(model, eni.account, eni.region)
  gaps.need(['DescribeSecurityGroups'])
  for (const g of eni.groupIds) if (!model.securityGroups.has(g)) gaps.ref(g, 'DescribeSecurityGroups')
  const rules = ingressRules(model, eni.groupIds)
  const open = rules.filter((r) => !r.inet.isEmpty())
  unresolvedPrefixLists(model, rules, gaps)
  const groupsKnown = gaps.empty
  if (groupsKnown && open.length === 0) return null
  // Stopped at the interface itself whatever the path: the verdict stands without the path's data.
  const stopped = eni.kind === 'nat-gateway' || (eni.status !== null && eni.status !== 'in-use') || (eni.publicPairs.length === 0 && eni.ipv6Global.length === 0)
  if (groupsKnown && stopped) return null
  const subnet = eni.subnetId ? model.subnets.get(eni.subnetId) : undefined
  if (!subnet) gaps.ref(eni.subnetId ?? `the subnet of ${eni.id}`, 'DescribeSubnets')
  else pathGaps(model, subnet, gaps)
  if (gaps.empty) return null
  const worst = groupsKnown ? worstOf(open, rules) : 'critical'
  const admits = groupsKnown ? `; its security groups admit ${admitsText(open, rules)}` : ''
  return verdict('EXPOSURE', [eni.id, ...(eni.owner ? [eni.owner] : [])], gaps, worst, `exposure of ${eni.id}${admits}`)
}

/**
 * Reachability to or from an interface inside the network (reach): its groups' rules (both ways),
 * its subnet's route table and network ACL, whatever the internet can do.
 */
export function unknownPath(model: Model, eni: EniC): UnknownVerdict | null {
  const gaps = new Gaps(model, eni.account, eni.region)
  gaps.need(['DescribeSecurityGroups', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeNetworkAcls'])
  for (const g of eni.groupIds) if (!model.securityGroups.has(g)) gaps.ref(g, 'DescribeSecurityGroups')
  const subnet = eni.subnetId ? model.subnets.get(eni.subnetId) : undefined
  if (!subnet) gaps.ref(eni.subnetId ?? `the subnet of ${eni.id}`, 'DescribeSubnets')
  else {
    if (!subnet.routeTableId) gaps.ref(`the route table of ${subnet.id}`, 'DescribeRouteTables', subnet.account, subnet.region)
    if (!subnet.naclId) gaps.ref(`the network ACL of ${subnet.id}`, 'DescribeNetworkAcls', subnet.account, subnet.region)
  }
  return gaps.empty ? null : verdict('REACH', [eni.id, ...(eni.owner ? [eni.owner] : [])], gaps, 'critical', `paths to and from ${eni.id}`)
}

/** A load balancer's exposure (its nodes and, through listeners, its targets), when the data cannot decide it. */
export function unknownLoadBalancer(model: Model, lb: LoadBalancerC): UnknownVerdict | null {
  const gaps = new Gaps(model, lb.account, lb.region)
  gaps.need(LB_CALLS)
  if (lb.securityGroupIds.length > 0) gaps.need(['DescribeSecurityGroups'])
  for (const g of lb.securityGroupIds) if (!model.securityGroups.has(g)) gaps.ref(g, 'DescribeSecurityGroups')
  for (const id of lb.subnetIds) {
    const subnet = model.subnets.get(id)
    if (subnet) pathGaps(model, subnet, gaps)
    else gaps.ref(id, 'DescribeSubnets')
  }
  for (const l of lb.listeners) {
    for (const f of l.forwards) {
      const tg = model.targetGroups.get(f.targetGroupArn)
      if (!tg) { gaps.ref(f.targetGroupArn, 'DescribeTargetGroups'); continue }
      if (tg.targetType !== 'instance' && tg.targetType !== 'ip') continue
      for (const t of tg.targets) {
        const target = resolveTarget(model, tg, t)
        if ('unresolved' in target) gaps.ref(t.id, tg.targetType === 'instance' ? 'DescribeInstances' : 'DescribeNetworkInterfaces')
        else pathGaps(model, target.subnet, gaps)
      }
    }
  }
  if (gaps.empty) return null
  const worst = lb.listeners.length === 0 ? 'critical'
    : lb.listeners.map((l) => exposureSeverity('tcp', l.port, l.port, 'world')).sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0]
  return verdict('EXPOSURE', [lb.arn], gaps, worst, `exposure through load balancer ${lb.name}`)
}

/**
 * Whole account × region verdicts: without DescribeNetworkInterfaces (or with the region unread) the
 * interfaces themselves are unknown, without DescribeLoadBalancers every load-balancer path is.
 */
export function unknownPlaces(model: Model): UnknownVerdict[] {
  const out: UnknownVerdict[] = []
  const enisIn = new Set<string>()
  for (const e of model.enis.values()) enisIn.add(`${e.account}/${e.region}`)
  for (const [place, ops] of model.notCollected) {
    const [account, region] = place.split('/')
    const gaps = new Gaps(model, account, region)
    const whole = ops.has('DescribeNetworkInterfaces') || ops.has('DescribeRegions') || (ops.has('DescribeVpcs') && !enisIn.has(place))
    if (whole) {
      gaps.need(['DescribeNetworkInterfaces', 'DescribeRegions', 'DescribeVpcs'])
      out.push(verdict('EXPOSURE', [], gaps, 'critical', `exposure of the network interfaces of ${place}`))
    } else if (ops.has('DescribeLoadBalancers')) {
      gaps.need(['DescribeLoadBalancers'])
      out.push(verdict('EXPOSURE', [], gaps, 'critical', `exposure through the load balancers of ${place}`))
    }
  }
  return out
}

/** Internet → subnet: the VPC, its internet gateway, the subnet's route table and NACL, and the gateways its routes name. */
function pathGaps(model: Model, subnet: SubnetC, gaps: Gaps): void {
  gaps.need(PATH_CALLS, subnet.account, subnet.region)
  if (!model.vpcs.has(subnet.vpcId)) gaps.ref(subnet.vpcId, 'DescribeVpcs', subnet.account, subnet.region)
  // Every subnet has a route table and a network ACL (explicit, else the VPC's main / default one).
  if (!subnet.routeTableId) gaps.ref(`the route table of ${subnet.id}`, 'DescribeRouteTables', subnet.account, subnet.region)
  if (!subnet.naclId) gaps.ref(`the network ACL of ${subnet.id}`, 'DescribeNetworkAcls', subnet.account, subnet.region)
  else if (!model.nacls.has(subnet.naclId)) gaps.ref(subnet.naclId, 'DescribeNetworkAcls', subnet.account, subnet.region)
  const rt = subnet.routeTableId ? model.routeTables.get(subnet.routeTableId) : undefined
  for (const r of rt?.routes ?? []) {
    if (r.targetKind === 'igw' && r.state !== 'blackhole' && !model.internetGatewayIds.has(r.target)) gaps.ref(r.target, 'DescribeInternetGateways', subnet.account, subnet.region)
  }
}

function unresolvedPrefixLists(model: Model, rules: readonly SgRuleC[], gaps: Gaps): void {
  for (const r of rules) {
    if (r.peerKind !== 'prefix-list') continue
    const pl = model.prefixLists.get(r.peer)
    const [account, region] = (model.groupPlaces.get(r.groupId) ?? `${gaps.account}/${gaps.region}`).split('/')
    if (!pl) gaps.ref(r.peer, 'DescribeManagedPrefixLists', account, region)
    else if (pl.entriesMissing) gaps.ref(`the entries of ${r.peer}`, 'GetManagedPrefixListEntries', account, region)
  }
}

/** The worst severity the known rules allow if the path lets them through; an unresolved prefix list counts as the whole internet. */
function worstOf(open: readonly SgRuleC[], rules: readonly SgRuleC[]): Severity {
  const candidates = [...open.map((r) => ({ r, breadth: breadthOf(r.inet) })), ...rules.filter((r) => r.peerKind === 'prefix-list' && r.inet.isEmpty()).map((r) => ({ r, breadth: 'world' as const }))]
  const sev = candidates.map(({ r, breadth }) => exposureSeverity(protocolName(r.proto), hasPorts(r.proto) ? r.lo : 0, hasPorts(r.proto) ? r.hi : 65535, breadth))
  return sev.sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0] ?? 'info'
}

function admitsText(open: readonly SgRuleC[], rules: readonly SgRuleC[]): string {
  const list = [...open, ...rules.filter((r) => r.peerKind === 'prefix-list' && r.inet.isEmpty())]
  const parts = [...new Set(list.map((r) => `${protocolName(r.proto)}${hasPorts(r.proto) ? ` ${r.lo === r.hi ? r.lo : `${r.lo}-${r.hi}`}` : ''} from ${r.peer}`))]
  return parts.length <= 3 ? parts.join(', ') : `${parts.slice(0, 3).join(', ')} and ${parts.length - 3} more`
}

/** `unknown: DescribeRouteTables not collected for 111122223333/eu-west-1; subnet-9 not in the data (exposure of eni-1)`. */
export function verdict(check: string, resourceIds: string[], gaps: Gaps, worstCase: Severity, subject: string): UnknownVerdict {
  const calls = [...gaps.calls].sort()
  const ids = [...gaps.ids].sort()
  const why = [
    ...(calls.length ? [`${calls.join(', ')} not collected for ${gaps.account}/${gaps.region}`] : []),
    ...(ids.length ? [`${ids.join(', ')} not in the data`] : []),
  ].join('; ')
  return {
    id: `${check}:${resourceIds[0] ?? `${gaps.account}/${gaps.region}`}`, check, resourceIds, account: gaps.account, region: gaps.region,
    missingCalls: calls, missingIds: ids, worstCase, detail: `unknown: ${why} (${subject})`,
  }
}

export { Gaps }
