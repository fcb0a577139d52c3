import type { TraceStep } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import { canonicalIp } from './compileModel.ts'
import type { EniC, LoadBalancerC, Model, SubnetC, TargetC, TargetGroupC } from './Model.ts'
import { TCP, UDP } from './protocols.ts'

/** A load balancer node: its ENI when collected, else a stand-in per LB subnet (moto, partial discovery). */
export interface LbNode {
  id: string
  eni: EniC | null
  subnet: SubnetC
  /** Addresses the node uses towards targets (its private IPs, or its subnet when unknown). */
  private: AddressSet
  publicPairs: Array<{ public: string; private: string }>
  ipv6Global: string[]
}

export function lbNodes(model: Model, lb: LoadBalancerC): { nodes: LbNode[]; known: boolean } {
  const nodes: LbNode[] = []
  for (const id of lb.eniIds) {
    const eni = model.enis.get(id)
    const subnet = eni?.subnetId ? model.subnets.get(eni.subnetId) : undefined
    if (eni && subnet) nodes.push({ id, eni, subnet, private: eni.private.onlyV4(), publicPairs: eni.publicPairs, ipv6Global: eni.ipv6Global })
  }
  if (nodes.length > 0) return { nodes, known: true }
  const dual = lb.ipAddressType.startsWith('dualstack')
  for (const sid of lb.subnetIds) {
    const subnet = model.subnets.get(sid)
    if (!subnet) continue
    nodes.push({
      id: `${lb.arn}@${sid}`, eni: null, subnet, private: subnet.cidrs.onlyV4(),
      // Placeholders that only say the node has such an address; traces name them as not collected.
      publicPairs: lb.ipAddressType === 'dualstack-without-public-ipv4' ? [] : [{ public: '(not collected)', private: sid }],
      ipv6Global: dual ? ['(not collected)'] : [],
    })
  }
  return { nodes, known: false }
}

/** Protocol buckets a listener carries. GENEVE (gateway LBs) is not an internet path. */
export function listenerBuckets(protocol: string): number[] {
  switch (protocol.toUpperCase()) {
    case 'HTTP': case 'HTTPS': case 'TCP': case 'TLS': return [TCP]
    case 'UDP': return [UDP]
    case 'TCP_UDP': return [TCP, UDP]
    default: return []
  }
}

/** NLB client IP preservation (§5.4): the attribute when collected, else AWS's default for the target group. */
export function preservesClientIp(lb: LoadBalancerC, tg: TargetGroupC): boolean {
  if (lb.type !== 'network') return false
  const p = tg.protocol.toUpperCase()
  if (p === 'UDP' || p === 'TCP_UDP') return true
  const set = tg.settings['preserve_client_ip.enabled']
  if (set === 'true' || set === 'false') return set === 'true'
  return tg.targetType !== 'ip'
}

export interface ResolvedTarget {
  target: TargetC
  eni: EniC
  subnet: SubnetC
  ip: string
  ipSet: AddressSet
  resource: string | null
}

/**
 * A target as a network interface (§5.4): an instance's primary ENI and private IP, or the ENI owning an
 * `ip` target's address. Lambda and ALB targets, and IPs outside the snapshot, resolve to a reason instead.
 */
export function resolveTarget(model: Model, tg: TargetGroupC, t: TargetC): ResolvedTarget | { unresolved: string } {
  let eni: EniC | undefined
  let ip: string | null = null
  if (tg.targetType === 'instance') {
    const inst = model.instances.get(t.id)
    eni = inst?.primaryEniId ? model.enis.get(inst.primaryEniId) : undefined
    ip = inst?.privateIp ?? eni?.privateIps[0] ?? null
    if (!eni) return { unresolved: `instance ${t.id} or its network interface is not in the snapshot` }
  } else if (tg.targetType === 'ip') {
    const id = model.enisByIp.get(canonicalIp(t.id))
    eni = id ? model.enis.get(id) : undefined
    ip = t.id
    if (!eni) return { unresolved: `no network interface in the snapshot owns ${t.id}` }
  } else {
    return { unresolved: `${tg.targetType} targets are not followed` }
  }
  const subnet = eni.subnetId ? model.subnets.get(eni.subnetId) : undefined
  if (!subnet || !ip) return { unresolved: `the subnet of ${eni.id} is not in the snapshot` }
  return { target: t, eni, subnet, ip, ipSet: AddressSet.fromCidr(ip), resource: eni.owner ?? (tg.targetType === 'instance' ? t.id : null) }
}

export function listenerStep(lb: LoadBalancerC, l: { arn: string; protocol: string; port: number }, tgArn: string, ruleArn?: string): Omit<TraceStep, 'seq'> {
  return {
    component: { kind: 'listener', id: l.arn }, check: 'lb-listener', verdict: 'allow',
    ruleRef: { kind: 'listener', listenerArn: l.arn, protocol: l.protocol, port: l.port, targetGroupArn: tgArn, ...(ruleArn ? { ruleArn } : {}) },
    summary: `listener ${l.protocol}:${l.port} of ${lb.name} forwards to target group ${tgArn}${ruleArn ? ` (rule ${ruleArn})` : ' (default action)'}`,
  }
}
