import type { Model, SubnetC } from './Model.ts'
import type { RouteEvaluator } from './RouteEvaluator.ts'
import type { StepDraft } from './steps.ts'

export interface GateInput {
  /** The interface (for components), or null for a load balancer node vpclens has no ENI for. */
  eniId: string | null
  componentKind: string
  componentId: string
  kind: string
  status: string | null
  hasPublic4: boolean
  hasPublic6: boolean
  denyAllIgw: boolean
}

export interface Gates {
  gate: { 4: StepDraft | null; 6: StepDraft | null }
  prefixSteps: StepDraft[]
  caveats: Array<{ code: string; message: string }>
  igwId: string | null
  key: string
}

/**
 * The preconditions of direct exposure (§4 conditions 1-3, 8), per address family: a public address,
 * an interface that accepts inbound, an attached internet gateway, Block Public Access, and ingress
 * routing through an appliance (which is noted, not blocking). The first failing one is the step.
 */
export function gatesFor(model: Model, routes: RouteEvaluator, subnet: SubnetC, g: GateInput): Gates {
  const vpc = model.vpcs.get(subnet.vpcId)
  const igwId = vpc?.igwId ?? null
  const comp = { kind: g.componentKind, id: g.componentId }
  const deny = (check: StepDraft['check'], code: string, summary: string, component = comp): StepDraft =>
    ({ component, check, verdict: 'deny', code, summary })
  const prefixSteps: StepDraft[] = []
  const caveats: Gates['caveats'] = []

  let common: StepDraft | null = null
  if (g.kind === 'nat-gateway') common = deny('address', 'NAT_NO_INBOUND', `${g.componentId} belongs to a NAT gateway, which never accepts connections from the internet`)
  else if (g.status && g.status !== 'in-use') common = deny('address', 'BAD_STATE', `${g.componentId} is ${g.status}, not attached`)

  const bpaVpc = vpc?.bpaMode ?? 'off'
  const bpa = subnet.bpaMode ?? bpaVpc
  const perFamily = (has: boolean, family: 4 | 6): StepDraft | null => {
    if (common) return common
    if (!has) {
      return deny('address', 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
        family === 4 ? `${g.componentId} has no public IPv4 address (no Elastic IP or public IP on any private IP)` : `${g.componentId} has no global IPv6 address`)
    }
    if (!igwId) return deny('igw', 'NO_ATTACHED_INTERNET_GATEWAY', `VPC ${subnet.vpcId} has no attached internet gateway`, { kind: 'vpc', id: subnet.vpcId })
    if (g.denyAllIgw) return deny('igw', 'DENY_ALL_IGW_TRAFFIC', `${g.componentId} has DenyAllIgwTraffic set: the internet gateway drops inbound traffic to it`)
    if (bpa === 'block-ingress' || bpa === 'block-bidirectional') {
      return deny('bpa', 'VPC_BLOCK_PUBLIC_ACCESS', `VPC Block Public Access (${bpa}) drops inbound internet traffic to subnet ${subnet.id}`, { kind: 'subnet', id: subnet.id })
    }
    return null
  }
  const gate = { 4: perFamily(g.hasPublic4, 4), 6: perFamily(g.hasPublic6, 6) }

  if ((bpaVpc === 'block-ingress' || bpaVpc === 'block-bidirectional') && bpa === 'off') {
    prefixSteps.push({
      component: { kind: 'subnet', id: subnet.id }, check: 'bpa', verdict: 'allow', code: 'BPA_EXCLUSION',
      summary: `subnet ${subnet.id} is excluded from VPC Block Public Access (${bpaVpc} on VPC ${subnet.vpcId})`,
    })
  }
  const redirect = routes.redirect(subnet)
  if (redirect) {
    prefixSteps.push({
      component: { kind: 'route-table', id: redirect.routeTableId }, check: 'ingress-routing', verdict: 'allow',
      code: 'INGRESS_RTB_TRAFFIC_REDIRECTION',
      ruleRef: { kind: 'route', routeTableId: redirect.routeTableId, destination: redirect.route.destination, target: redirect.route.target, state: redirect.route.state },
      summary: `gateway route table ${redirect.routeTableId} sends inbound traffic for ${redirect.route.destination} to ${redirect.route.target} first`,
    })
    caveats.push({ code: 'INGRESS_RTB_TRAFFIC_REDIRECTION', message: `inbound traffic passes appliance ${redirect.route.target} first; its own filtering is not modelled` })
  }
  const key = `${gate[4]?.code ?? 'ok'}:${gate[6]?.code ?? 'ok'}:${prefixSteps.map((s) => s.code).join(',')}`
  return { gate, prefixSteps, caveats, igwId, key }
}
