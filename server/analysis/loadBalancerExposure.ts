import type { Blocked, Exposure } from '../../shared/index.ts'
import { ingressRules } from './directExposure.ts'
import { gatesFor } from './gates.ts'
import type { BlockedPiece, ExposedPiece, InboundEvaluator } from './InboundEvaluator.ts'
import { lbHop2 } from './lbHop2.ts'
import { type LbNode, lbNodes, listenerBuckets, listenerStep, preservesClientIp, resolveTarget } from './lbTargets.ts'
import type { LoadBalancerC, Model } from './Model.ts'
import { mergePieces, toBlocked, toExposures } from './records.ts'
import type { StepDraft } from './steps.ts'
import { appendAll } from '../../shared/appendAll.ts'

/**
 * Exposure through internet-facing ALBs and NLBs (§10 phase C): hop 1 on the LB's nodes restricted to
 * listener ports, reported on the node interfaces; then each forward action's targets through hop 2,
 * reported on the target interfaces as via `<LB ARN>:<listener port>`, separately from direct exposure.
 */
export function loadBalancerExposure(model: Model, ev: InboundEvaluator, unknown: ReadonlySet<string> = new Set()): { exposures: Exposure[]; blocked: Blocked[] } {
  const exposures: Exposure[] = []
  const blocked: Blocked[] = []
  for (const lb of model.loadBalancers.values()) {
    if (!isInternetFacing(lb) || unknown.has(lb.arn)) continue
    const { nodes, known } = lbNodes(model, lb)
    const vpcCidrs = lb.vpcId ? model.vpcs.get(lb.vpcId)?.cidrs : undefined
    const caveats = known ? [] : [{ code: 'LB_NODES_NOT_COLLECTED', message: `the network interfaces of ${lb.name} were not collected: its nodes are assumed in subnets ${lb.subnetIds.join(', ')} with public addresses` }]
    const rules = lb.securityGroupIds.length > 0 ? ingressRules(model, [...lb.securityGroupIds].sort()) : 'open' as const
    const openStep: StepDraft = {
      component: { kind: 'load-balancer', id: lb.arn }, check: 'sg', verdict: 'allow', code: 'NLB_WITHOUT_SECURITY_GROUPS',
      summary: `network load balancer ${lb.name} has no security groups: every client reaches its listeners`,
    }
    for (const listener of lb.listeners) {
      const buckets = listenerBuckets(listener.protocol)
      if (buckets.length === 0) continue
      const hop1 = new Map<LbNode, { exposed: ExposedPiece[]; igwId: string | null }>()
      for (const node of nodes) {
        const g = gatesFor(model, ev.routes, node.subnet, {
          eniId: node.eni?.id ?? null, componentKind: node.eni ? 'network-interface' : 'load-balancer', componentId: node.eni?.id ?? lb.arn,
          kind: 'load-balancer', status: node.eni?.status ?? null, hasPublic4: node.publicPairs.length > 0, hasPublic6: node.ipv6Global.length > 0,
          denyAllIgw: node.eni?.denyAllIgw ?? false,
        })
        const r = ev.evaluate({
          key: `lb|${lb.arn}|${node.subnet.id}|${listener.port}|${buckets.join(',')}|${g.key}`,
          rules, openStep, subnet: node.subnet, gate: g.gate, prefixSteps: g.prefixSteps,
          restrict: { buckets, lo: listener.port, hi: listener.port },
        })
        hop1.set(node, { exposed: r.exposed, igwId: g.igwId })
        if (node.eni) {
          const ownBlocked = mergePieces(r.blocked, buckets).map((p) => (p.gated ? { ...p, step: g.gate[p.family]! } : p))
          appendAll(exposures, toExposures(mergePieces(r.exposed, buckets), {
            eni: node.eni.id, resource: lb.arn, vpcId: node.eni.vpcId, subnetId: node.subnet.id, via: 'direct', notSources: vpcCidrs,
            leading: (family) => [igwFor(g.igwId, node, family)], caveats: [...caveats, ...g.caveats],
          }))
          appendAll(blocked, toBlocked(ownBlocked, node.eni.id, lb.arn, 'direct', vpcCidrs))
        }
      }
      for (const fwd of listener.forwards) {
        const tg = model.targetGroups.get(fwd.targetGroupArn)
        if (!tg) continue
        const preserved = preservesClientIp(lb, tg)
        const crossZone = lb.type === 'application' || tg.settings['load_balancing.cross_zone.enabled'] === 'true'
        for (const t of tg.targets) {
          const target = resolveTarget(model, tg, t)
          if ('unresolved' in target) continue
          const via = `${lb.arn}:${listener.port}`
          const pathSteps: StepDraft[] = [listenerStep(lb, listener, tg.arn, fwd.ruleArn), {
            component: { kind: 'target-group', id: tg.arn }, check: 'lb-target', verdict: 'allow',
            ruleRef: { kind: 'target', targetGroupArn: tg.arn, targetId: t.id, port: t.port, ip: target.ip },
            summary: `target group ${tg.arn} sends ${tg.protocol} ${t.port} to ${t.id} (${target.eni.id}, ${target.ip})${preserved ? ' keeping the client address' : ''}`,
          }]
          const exposed: ExposedPiece[] = []
          const stopped: BlockedPiece[] = []
          const usable = nodes.filter((n) => crossZone || !n.subnet.az || !target.subnet.az || n.subnet.az === target.subnet.az)
          for (const node of usable) {
            const r = lbHop2(model, ev, { lb, node, target, pathSteps, preserved }, hop1.get(node)?.exposed ?? [])
            appendAll(exposed, r.exposed)
            appendAll(stopped, r.blocked)
          }
          const hop: Exposure['lb'] = { loadBalancerArn: lb.arn, listenerArn: listener.arn, listenerPort: listener.port, targetGroupArn: tg.arn, targetPort: t.port, clientIpPreserved: preserved }
          appendAll(exposures, toExposures(mergePieces(exposed, buckets), {
            eni: target.eni.id, resource: target.resource, vpcId: target.eni.vpcId, subnetId: target.subnet.id, via, lb: hop, notSources: vpcCidrs,
            leading: (family) => [igwFor(hop1.get(usable[0])?.igwId ?? null, { nodes: usable }, family)],
            caveats, severityPort: { protocol: buckets.length === 1 && buckets[0] === 17 ? 'udp' : 'tcp', port: listener.port },
          }))
          appendAll(blocked, toBlocked(mergePieces(stopped, buckets), target.eni.id, target.resource, via, vpcCidrs))
          if (usable.length === 0 && nodes.length > 0) {
            blocked.push({
              eni: target.eni.id, resource: target.resource, via, protocol: 'tcp', ports: [t.port, t.port], sources: [], securityGroupRuleIds: [],
              blockedBy: { seq: 1, component: { kind: 'load-balancer', id: lb.arn }, check: 'lb-target', verdict: 'deny', code: 'ELB_NOT_CROSSZONE', summary: `${lb.name} has no node in ${target.subnet.az} and cross-zone load balancing is off for target group ${tg.arn}` },
            })
          }
        }
      }
    }
  }
  return { exposures, blocked }
}

/** Load balancers the internet can talk to: internet-facing ALBs and NLBs that are active. */
export function isInternetFacing(lb: LoadBalancerC): boolean {
  if (lb.scheme !== 'internet-facing' || (lb.type !== 'application' && lb.type !== 'network')) return false
  return !lb.state || lb.state === 'active' || lb.state === 'active_impaired'
}

function igwFor(igwId: string | null, from: LbNode | { nodes: LbNode[] }, family: 4 | 6): StepDraft {
  const nodes = 'nodes' in from ? from.nodes : [from]
  const component = { kind: 'internet-gateway' as const, id: igwId ?? 'none' }
  if (nodes.every((n) => n.eni === null)) {
    // The nodes' interfaces were not collected: say what is missing instead of inventing addresses.
    const subnets = [...new Set(nodes.map((n) => n.subnet.id))].join(', ')
    return {
      component, check: 'igw', verdict: 'allow',
      summary: `internet gateway ${igwId} delivers traffic for the load balancer's nodes in ${subnets}; their ${family === 4 ? 'public IPv4' : 'IPv6'} addresses are unknown: the load balancer's network interfaces were not collected (DescribeNetworkInterfaces)`,
    }
  }
  const addresses = nodes.flatMap((n) => (family === 4 ? n.publicPairs : n.ipv6Global.map((ip) => ({ public: ip, private: ip }))))
  return {
    component, check: 'igw', verdict: 'allow',
    ruleRef: { kind: 'address', addresses },
    summary: `internet gateway ${igwId} delivers traffic for the load balancer node addresses ${addresses.map((a) => a.public).join(', ')}`,
  }
}

export type { LoadBalancerC }
