import type { NetworkAclEntry, Severity } from '../../shared/index.ts'
import { canonicalJson } from '../snapshot/canonicalJson.ts'
import { breadthOfCidrs, portText, protocolName } from '../../shared/network/index.ts'
import type { RuleSpec } from './RuleSpec.ts'

const entries = (egress: boolean) => (r: { raw: unknown }) =>
  (((r.raw as { Entries?: NetworkAclEntry[] }).Entries) ?? []).filter((e) => !!e.Egress === egress)

const cidrOf = (e: NetworkAclEntry) => e.CidrBlock ?? e.Ipv6CidrBlock ?? 'unknown'

function summary(e: NetworkAclEntry): string {
  const p = protocolName(e.Protocol)
  const ports = p === 'icmp' || p === 'icmpv6'
    ? portText(p, e.IcmpTypeCode?.Type, e.IcmpTypeCode?.Code)
    : portText(p, e.PortRange?.From, e.PortRange?.To)
  const number = e.RuleNumber >= 32767 ? '*' : String(e.RuleNumber)
  const what = p === 'all' ? 'all traffic' : `${p} ${ports === 'all' ? 'all ports' : ports}`
  return `${e.Egress ? 'egress' : 'ingress'} rule ${number} ${e.RuleAction} ${what} ${e.Egress ? 'to' : 'from'} ${cidrOf(e)}`
}

// Inbound entries decide what the internet can open; an allow that appears (or replaces a deny) for
// the whole internet loosens the subnet boundary, a deny that disappears loosens it less visibly.
function ingressSeverity(_c: unknown, before: NetworkAclEntry | undefined, after: NetworkAclEntry | undefined): Severity {
  const loosens = (after?.RuleAction === 'allow' && (before === undefined || before.RuleAction !== 'allow' || canonicalJson(before) !== canonicalJson(after)))
    || (after === undefined && before?.RuleAction === 'deny')
  if (!loosens) return 'info'
  // On its own a NACL entry opens nothing (the security groups decide); the exposure it causes may raise this.
  const breadth = breadthOfCidrs([cidrOf(after ?? before!)])
  return breadth === 'world' ? 'medium' : breadth === 'none' ? 'info' : 'low'
}

// Identity is (direction, rule number): the number is the entry's place in the ordered evaluation,
// so a changed action or CIDR at one number is one modified entry.
export const networkAclIngressSpec: RuleSpec<NetworkAclEntry> = {
  collection: 'nacl-ingress',
  rules: entries(false),
  key: (e) => String(e.RuleNumber),
  content: (e) => canonicalJson(e),
  summary,
  severity: ingressSeverity,
}

export const networkAclEgressSpec: RuleSpec<NetworkAclEntry> = {
  collection: 'nacl-egress',
  rules: entries(true),
  key: (e) => String(e.RuleNumber),
  content: (e) => canonicalJson(e),
  summary,
  severity: () => 'info',
}
