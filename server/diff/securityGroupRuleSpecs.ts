import type { PortRange, SecurityGroupRule } from '../../shared/index.ts'
import { breadthOfCidrs, hasPorts, portText, protocolName } from '../../shared/network/index.ts'
import { openingSeverity } from './openingSeverity.ts'
import type { RuleSpec } from './RuleSpec.ts'

/** The source (ingress) or destination (egress) of a rule: a CIDR, a prefix list or a group. */
export function ruleSource(r: SecurityGroupRule): string {
  return r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId ?? 'unknown'
}

/** The port range a rule covers, for interval arithmetic: all ports when the protocol has none. */
export function rulePorts(protocol: string, from: number | undefined, to: number | undefined): PortRange {
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    return from === undefined || from === -1 ? { from: 0, to: 255 } : { from, to: from }
  }
  if (!hasPorts(protocol) || from === undefined || from === -1) return { from: 0, to: 65535 }
  return { from, to: to === undefined || to === -1 ? from : to }
}

const rules = (egress: boolean) => (r: { attributes: Record<string, unknown> }) =>
  ((r.attributes.rules ?? []) as SecurityGroupRule[]).filter((x) => !!x.IsEgress === egress)

// Identity is content: AWS has no two rules with the same protocol, ports and source in one group,
// and a rule re-created with a new id is the same rule. Only the description can change in place.
const key = (r: SecurityGroupRule) => {
  const p = protocolName(r.IpProtocol)
  return `${p}/${portText(p, r.FromPort, r.ToPort)}/${ruleSource(r)}`
}

const summary = (egress: boolean) => (r: SecurityGroupRule) => {
  const p = protocolName(r.IpProtocol)
  const ports = portText(p, r.FromPort, r.ToPort)
  const what = p === 'all' ? 'all traffic' : `${p} ${ports === 'all' ? 'all ports' : ports}`
  const desc = r.Description ? ` ("${r.Description}")` : ''
  return `${egress ? 'egress' : 'ingress'} ${what} ${egress ? 'to' : 'from'} ${ruleSource(r)}${desc}`
}

export const securityGroupIngressSpec: RuleSpec<SecurityGroupRule> = {
  collection: 'sg-ingress',
  rules: rules(false),
  key,
  content: (r) => r.Description ?? '',
  summary: summary(false),
  severity(change, _before, after, ctx) {
    if (change !== 'added' || !after) return 'info'
    const p = protocolName(after.IpProtocol)
    if (after.ReferencedGroupInfo) return 'low'
    return openingSeverity(p, rulePorts(p, after.FromPort, after.ToPort), [ruleSource(after)], (s) => ctx.cidrsOf(s, 'after'))
  },
}

export const securityGroupEgressSpec: RuleSpec<SecurityGroupRule> = {
  collection: 'sg-egress',
  rules: rules(true),
  key,
  content: (r) => r.Description ?? '',
  summary: summary(true),
  severity: (change, _before, after, ctx) =>
    (change === 'added' && after && breadthOfCidrs(ctx.cidrsOf(ruleSource(after), 'after') ?? []) === 'world' ? 'low' : 'info'),
}
