import type { Blocked, Exposure } from '../../shared/index.ts'
import { gatesFor } from './gates.ts'
import type { InboundEvaluator } from './InboundEvaluator.ts'
import type { EniC, Model, SgRuleC } from './Model.ts'
import { mergePieces, toBlocked, toExposures } from './records.ts'
import type { StepDraft } from './steps.ts'
import { appendAll } from '../../shared/appendAll.ts'

/**
 * Direct internet exposure of one interface (§10 phase B), and its open security group rules that do
 * not get through. Load balancer nodes are left to loadBalancerExposure: only their listener ports count.
 */
export function directExposure(model: Model, ev: InboundEvaluator, eni: EniC): { exposures: Exposure[]; blocked: Blocked[] } {
  const subnet = eni.subnetId ? model.subnets.get(eni.subnetId) : undefined
  if (!subnet) return { exposures: [], blocked: [] }
  const groups = [...eni.groupIds].sort()
  const rules = ingressRules(model, groups)
  if (!rules.some((r) => !r.inet.isEmpty())) return { exposures: [], blocked: [] }
  const g = gatesFor(model, ev.routes, subnet, {
    eniId: eni.id, componentKind: 'network-interface', componentId: eni.id, kind: eni.kind, status: eni.status,
    hasPublic4: eni.publicPairs.length > 0, hasPublic6: eni.ipv6Global.length > 0, denyAllIgw: eni.denyAllIgw,
  })
  const result = ev.evaluate({
    key: `direct|${groups.join(',')}|${subnet.id}|${g.key}`,
    rules, subnet, gate: g.gate, prefixSteps: g.prefixSteps,
  })
  // Results are shared by interfaces with the same groups and subnet; gate steps name this interface.
  const ownBlocked = mergePieces(result.blocked, result.buckets).map((p) => (p.gated ? { ...p, step: g.gate[p.family]! } : p))
  const buckets = result.buckets
  const exposures = toExposures(mergePieces(result.exposed, buckets), {
    eni: eni.id, resource: eni.owner, vpcId: eni.vpcId, subnetId: subnet.id, via: 'direct', buckets, notSources: model.vpcs.get(subnet.vpcId)?.cidrs,
    leading: (family) => [igwStep(g.igwId!, eni, family)], caveats: g.caveats,
  })
  const blocked = toBlocked(ownBlocked, eni.id, eni.owner, 'direct', model.vpcs.get(subnet.vpcId)?.cidrs)
  return { exposures, blocked }
}

/** The union of the ingress rules of a set of groups (§1.3): an ENI's effective inbound policy. */
export function ingressRules(model: Model, groupIds: readonly string[]): SgRuleC[] {
  const out: SgRuleC[] = []
  for (const id of groupIds) appendAll(out, model.securityGroups.get(id)?.ingress ?? [])
  return out
}

export function igwStep(igwId: string, eni: { id: string; publicPairs: EniC['publicPairs']; ipv6Global: string[] }, family: 4 | 6): StepDraft {
  const addresses = family === 4 ? eni.publicPairs : eni.ipv6Global.map((ip) => ({ public: ip, private: ip }))
  return {
    component: { kind: 'internet-gateway', id: igwId }, check: 'igw', verdict: 'allow',
    ruleRef: { kind: 'address', addresses },
    summary: family === 4
      ? `internet gateway ${igwId} delivers traffic for ${addresses.map((a) => `${a.public} to ${a.private}`).join(', ')} (${eni.id})`
      : `internet gateway ${igwId} delivers IPv6 traffic for ${addresses.map((a) => a.public).join(', ')} (${eni.id})`,
  }
}
