import type { ExposureFact, SecurityGroupRule, Snapshot } from '../../shared/index.ts'
import { parseCidr, protocolName } from '../../shared/network/index.ts'
import { rulePorts } from './securityGroupRuleSpecs.ts'

/**
 * The first approximation of exposure, from security-group ingress rules alone: per group, what
 * address ranges may open which ports. It ignores NACLs, routes and public addressing (exposure
 * analysis does not), so the diff grades a group no interface uses as low.
 */
export function exposureFactsFromRules(snapshot: Snapshot): ExposureFact[] {
  const out: ExposureFact[] = []
  for (const r of snapshot.resources) {
    if (r.kind !== 'security-group') continue
    for (const rule of (r.attributes.rules ?? []) as SecurityGroupRule[]) {
      if (rule.IsEgress) continue
      const source = rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId
      if (!source) continue // a group reference: internal access, not from the internet (§1.3)
      const p = protocolName(rule.IpProtocol)
      const protocols = p === 'all' ? ['tcp', 'udp', parseCidr(source)?.family === 6 ? 'icmpv6' : 'icmp'] : [p]
      for (const protocol of protocols) {
        out.push({
          resourceId: r.id, protocol,
          ports: p === 'all' ? rulePorts(protocol, -1, -1) : rulePorts(protocol, rule.FromPort, rule.ToPort),
          sources: [source], ruleIds: [rule.SecurityGroupRuleId],
        })
      }
    }
  }
  return out
}
