import type { Resource, ResourceSummary } from '../../shared/index.ts'
import { nodeDetails } from './nodeDetails.ts'

const text = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v))
const count = (v: unknown) => String(Array.isArray(v) ? v.length : 0)

/** One resource in brief: the diagram's facts, plus the facts of the kinds the diagram does not draw. */
export function resourceSummary(r: Resource): ResourceSummary {
  const a = r.attributes
  const extra = ((): Record<string, string> => {
    switch (r.kind) {
      case 'security-group': {
        const rules = Array.isArray(a.rules) ? (a.rules as { IsEgress?: boolean }[]) : []
        return { ingressRules: String(rules.filter((x) => !x.IsEgress).length), egressRules: String(rules.filter((x) => x.IsEgress).length), description: text(a.description) }
      }
      case 'route-table': return { main: text(a.main), subnets: count(a.subnetIds) }
      case 'network-acl': return { default: text(a.isDefault), subnets: count(a.subnetIds) }
      case 'prefix-list': return { addressFamily: text(a.addressFamily), entries: count(a.entries) }
      case 'listener': return { protocol: text(a.protocol), port: text(a.port) }
      case 'listener-rule': return { priority: text(a.priority) }
      case 'target-group': return { protocol: text(a.protocol), port: text(a.port), targetType: text(a.targetType), targets: count(a.targets) }
      case 'elastic-ip': return { publicIp: text(a.publicIp), networkInterface: text(a.networkInterfaceId), privateIp: text(a.privateIp) }
      case 'vpc-peering-connection': return { status: text(a.status), requester: text(a.requesterVpcId), accepter: text(a.accepterVpcId) }
      case 'transit-gateway-attachment': return { transitGateway: text(a.transitGatewayId), state: text(a.state) }
      default: return {}
    }
  })()
  const facts = Object.fromEntries(Object.entries({ ...nodeDetails(r), ...extra }).filter(([, v]) => v !== ''))
  return {
    id: r.id, kind: r.kind, account: r.account, region: r.region,
    ...(r.name !== undefined ? { name: r.name } : {}), ...(r.vpcId !== undefined ? { vpcId: r.vpcId } : {}), facts,
  }
}
