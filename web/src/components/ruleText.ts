/**
 * A rule as stored (security-group rule, NACL entry or route, in the SDK's own shape) as one line of
 * text for the diff panel's before/after columns. Anything unrecognised is shown as JSON. Pure; the
 * result contains untrusted text (descriptions) and is rendered as text only.
 */
import type { RuleCollection } from '../../../shared/index.ts'
import { isIcmpName, portText, protocolName } from '../../../shared/network/index.ts'
import { formatValue } from './formatValue.ts'

type Obj = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)

/** The shared protocol name (`tcp` for `6` or `tcp`, `all` for `-1`). */
export const protocolText = (p: unknown): string => protocolName(str(p))

/** The shared port text, with "all" spelled out for the panel: `all ports`, `all types`. */
export function portsText(protocol: string, from: unknown, to: unknown): string {
  const lo = typeof from === 'number' ? from : undefined
  // A rule with FromPort and no ToPort (as the diff shows one port) reads as that one port.
  const hi = typeof to === 'number' ? to : isIcmpName(protocol) ? undefined : lo
  const text = portText(protocol, lo, hi)
  return text === 'all' ? (isIcmpName(protocol) ? 'all types' : 'all ports') : text
}

export function ruleText(collection: RuleCollection | string, rule: unknown): string {
  if (rule === undefined || rule === null) return '—'
  if (typeof rule !== 'object') return formatValue(rule)
  const r = rule as Obj
  if (collection === 'sg-ingress' || collection === 'sg-egress') {
    const proto = protocolText(r.IpProtocol)
    const ref = r.ReferencedGroupInfo as Obj | undefined
    const peer = str(r.CidrIpv4) ?? str(r.CidrIpv6) ?? str(r.PrefixListId) ?? str(ref?.GroupId) ?? '?'
    const dir = collection === 'sg-ingress' ? 'from' : 'to'
    const desc = str(r.Description)
    return `${proto} ${portsText(proto, r.FromPort, r.ToPort)} ${dir} ${peer}${desc ? ` ("${desc}")` : ''}`
  }
  if (collection === 'nacl-ingress' || collection === 'nacl-egress') {
    const proto = protocolText(r.Protocol)
    const range = r.PortRange as Obj | undefined
    const peer = str(r.CidrBlock) ?? str(r.Ipv6CidrBlock) ?? '?'
    return `#${str(r.RuleNumber) ?? '?'} ${str(r.RuleAction) ?? '?'} ${proto} ${portsText(proto, range?.From, range?.To)} ${collection === 'nacl-ingress' ? 'from' : 'to'} ${peer}`
  }
  if (collection === 'routes') {
    const dest = str(r.DestinationCidrBlock) ?? str(r.DestinationIpv6CidrBlock) ?? str(r.DestinationPrefixListId) ?? '?'
    const target = ['GatewayId', 'NatGatewayId', 'TransitGatewayId', 'VpcPeeringConnectionId', 'NetworkInterfaceId', 'InstanceId', 'EgressOnlyInternetGatewayId', 'VpcEndpointId']
      .map((k) => str(r[k])).find((v) => v !== undefined) ?? '?'
    const state = str(r.State)
    return `${dest} → ${target}${state && state !== 'active' ? ` (${state})` : ''}`
  }
  return formatValue(rule)
}
