import type { ReachAnswer } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import type { EniC, Model, SgRuleC } from './Model.ts'
import type { NaclEvaluator } from './NaclEvaluator.ts'
import { ALL, protocolName } from './protocols.ts'
import type { RouteEvaluator } from './RouteEvaluator.ts'
import { naclStep, numbered, returnStep, routeRef, sgStep, type StepDraft } from './steps.ts'

/**
 * One flow between two interfaces of the snapshot (same VPC or peered VPCs), RA style: source
 * security group egress, source route, the NACL pair (only across subnets), destination security
 * group (CIDRs and group membership on private addresses), then the replies through the stateless NACLs.
 * Stops at the first step that denies.
 */
export function eniPath(model: Model, nacl: NaclEvaluator, routes: RouteEvaluator, from: EniC, to: EniC, bucket: number, port: number): ReachAnswer {
  const src = AddressSet.fromCidr(from.privateIps[0] ?? '0.0.0.0')
  const dst = AddressSet.fromCidr(to.privateIps[0] ?? '0.0.0.0')
  const what = `${protocolName(bucket)}${bucket === 6 || bucket === 17 ? ` ${port}` : ''} from ${from.id} (${from.privateIps[0]}) to ${to.id} (${to.privateIps[0]})`
  const steps: StepDraft[] = []
  let partial = false
  const answer = (verdict: ReachAnswer['verdict']): ReachAnswer => ({
    source: { kind: 'network-interface', id: from.id, cidrs: from.privateIps.map((ip) => `${ip}/32`) },
    protocol: protocolName(bucket), ports: [port, port], verdict, via: 'direct', trace: numbered(steps),
  })
  const deny = (step: StepDraft) => { steps.push(step); return answer('blocked') }

  const egress = matchRule(model, from.groupIds, 'egress', bucket, port, dst, to)
  if (!egress) return deny({ component: { kind: 'network-interface', id: from.id }, check: 'sg-egress', verdict: 'deny', code: 'ENI_SG_RULES_MISMATCH', summary: `no egress rule of ${from.id}'s security groups allows ${what}` })
  steps.push(sgStep(egress, 'sg-egress', `outbound ${what}`))

  const fromSubnet = from.subnetId ? model.subnets.get(from.subnetId) : undefined
  const toSubnet = to.subnetId ? model.subnets.get(to.subnetId) : undefined
  if (!fromSubnet || !toSubnet) return deny({ component: { kind: 'network-interface', id: (fromSubnet ? to : from).id }, check: 'route', verdict: 'deny', code: 'UNKNOWN_DESTINATION', summary: 'the subnet of an interface is not in the snapshot' })
  let backStep: StepDraft | undefined
  for (const [a, b, s, addr] of [[from, to, fromSubnet, dst], [to, from, toSubnet, src]] as const) {
    const route = routes.routeFor(s, addr)
    const rtId = s.routeTableId ?? 'none'
    const sameVpc = a.vpcId === b.vpcId && route?.targetKind === 'local'
    const peered = route?.targetKind === 'pcx' && route.state === 'active' && peeringJoins(model, route.target, a.vpcId, b.vpcId)
    const step: StepDraft = {
      component: { kind: 'route-table', id: rtId }, check: 'route', verdict: sameVpc || peered ? 'allow' : 'deny', ruleRef: routeRef(rtId, route),
      ...(sameVpc || peered ? {} : { code: route ? (route.state !== 'active' ? 'BAD_STATE_ROUTE' : 'CANNOT_ROUTE') : 'NO_ROUTE_TO_DESTINATION' }),
      summary: route ? `route table ${rtId} sends ${a === from ? 'the request' : 'replies'} to ${b.privateIps[0]} via ${route.destination} → ${route.target}` : `route table ${rtId} has no route to ${b.privateIps[0]}`,
    }
    if (step.verdict === 'deny') return deny(step)
    if (a === from) steps.push(step)
    else backStep = step
    if (peered && a === from) steps.push({ component: { kind: 'vpc-peering-connection', id: route!.target }, check: 'peering', verdict: 'allow', summary: `peering ${route!.target} joins ${a.vpcId} and ${b.vpcId}` })
  }
  const crossing = fromSubnet.id !== toSubnet.id
  const aclFrom = crossing && fromSubnet.naclId ? model.nacls.get(fromSubnet.naclId) : undefined
  const aclTo = crossing && toSubnet.naclId ? model.nacls.get(toSubnet.naclId) : undefined
  if (aclFrom) {
    const e = nacl.decide(aclFrom, true, bucket, port, dst)
    if (e) { const st = naclStep(aclFrom.id, e, 'nacl-out', `outbound ${what}`); if (e.action === 'deny') return deny(st); steps.push(st) }
  }
  if (aclTo) {
    const e = nacl.decide(aclTo, false, bucket, port, src)
    if (e) { const st = naclStep(aclTo.id, e, 'nacl-in', `inbound ${what}`); if (e.action === 'deny') return deny(st); steps.push(st) }
  }
  const ingress = matchRule(model, to.groupIds, 'ingress', bucket, port, src, from)
  if (!ingress) return deny({ component: { kind: 'network-interface', id: to.id }, check: 'sg', verdict: 'deny', code: 'ENI_SG_RULES_MISMATCH', summary: `no ingress rule of ${to.id}'s security groups allows ${what}` })
  steps.push(sgStep(ingress, 'sg', `inbound ${what}`))
  let families: string[] | undefined
  if (aclTo && aclFrom) {
    const out = nacl.returnClasses(aclTo, true, bucket).find((c) => c.set.covers(src))
    const back = nacl.returnClasses(aclFrom, false, bucket).find((c) => c.set.covers(dst))
    for (const [c, acl, check] of [[out, aclTo, 'nacl-out'], [back, aclFrom, 'nacl-in']] as const) {
      if (!c) continue
      const st = returnStep(acl.id, c, check, `replies of ${what}`)
      if (c.completeness === 'none') return deny(st)
      if (c.completeness === 'partial') { partial = true; families = families ? families.filter((f) => c.families.includes(f)) : c.families }
      steps.push(st)
    }
  }
  if (backStep) steps.push(backStep)
  const a = answer(partial ? 'partial' : 'reachable')
  return partial ? { ...a, clientFamilies: families ?? [] } : a
}

/** The first rule (by id) of the groups that allows the peer on (bucket, port): CIDR / prefix list on the private address, or group membership. */
export function matchRule(model: Model, groupIds: readonly string[], direction: 'ingress' | 'egress', bucket: number, port: number, peer: AddressSet, peerEni: EniC | null): SgRuleC | undefined {
  const rules = groupIds.flatMap((g) => (direction === 'ingress' ? model.securityGroups.get(g)?.ingress : model.securityGroups.get(g)?.egress) ?? [])
    .filter((r) => (r.proto === ALL || r.proto === bucket) && r.lo <= port && r.hi >= port)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  return rules.find((r) => (r.peerKind === 'security-group' ? !r.stale && !!peerEni && peerEni.groupIds.includes(r.refGroupId!) : r.addrs.covers(peer)))
}

function peeringJoins(model: Model, pcx: string, a: string | null, b: string | null): boolean {
  const p = model.peerings.get(pcx)
  return !!p && p.status === 'active' && !!a && !!b && p.vpcIds.includes(a) && p.vpcIds.includes(b)
}
