import type { RuleRef, TraceStep } from '../../shared/index.ts'
import type { NaclEntryC, RouteC, SgRuleC } from './Model.ts'
import { protocolName } from './protocols.ts'
import type { ReturnClass } from './NaclEvaluator.ts'

/** A trace step before it has its place in a path. */
export type StepDraft = Omit<TraceStep, 'seq'>

export function numbered(drafts: readonly StepDraft[]): TraceStep[] {
  return drafts.map((d, i) => ({ seq: i + 1, ...d }))
}

export const naclRef = (naclId: string, e: NaclEntryC): RuleRef =>
  ({ kind: 'nacl-entry', naclId, ruleNumber: e.n, egress: e.egress, action: e.action, cidr: e.cidr })

export const sgRef = (r: SgRuleC): RuleRef =>
  ({ kind: 'sg-rule', securityGroupRuleId: r.id, groupId: r.groupId, direction: r.direction, peer: r.peer })

export const routeRef = (routeTableId: string, r: RouteC | null): RuleRef =>
  ({ kind: 'route', routeTableId, destination: r?.destination ?? 'none', target: r?.target ?? 'none', state: r?.state ?? 'none' })

const ruleNo = (e: NaclEntryC) => (e.n >= 32767 ? '*' : String(e.n))
const portText = (bucket: number, lo: number, hi: number) =>
  protocolName(bucket) === 'tcp' || protocolName(bucket) === 'udp' ? ` ${protocolName(bucket)} ${lo === hi ? lo : `${lo}-${hi}`}` : ` ${protocolName(bucket)}`

/** A NACL entry deciding one direction of a hop. `what` says which traffic, e.g. "inbound tcp 443 from the internet". */
export function naclStep(naclId: string, e: NaclEntryC, check: 'nacl-in' | 'nacl-out', what: string): StepDraft {
  const verdict = e.action === 'allow' ? 'allow' : 'deny'
  return {
    component: { kind: 'network-acl', id: naclId }, check, verdict, ruleRef: naclRef(naclId, e),
    ...(verdict === 'deny' ? { code: 'SUBNET_ACL_RESTRICTION' } : {}),
    summary: `network ACL ${naclId} rule ${ruleNo(e)} (${e.action} ${e.cidr}) ${verdict === 'allow' ? 'allows' : 'denies'} ${what}`,
  }
}

/** The reply direction of a stateless NACL: full, partial (some client families) or none. */
export function returnStep(naclId: string, c: ReturnClass, check: 'nacl-in' | 'nacl-out', what: string): StepDraft {
  const refs = c.allows.map((e) => naclRef(naclId, e))
  const verdict = c.completeness === 'full' ? 'allow' : c.completeness === 'partial' ? 'partial' : 'deny'
  const deciding = c.completeness === 'none' && c.deny ? naclRef(naclId, c.deny) : refs[0]
  const rules = c.allows.map(ruleNo).join(', ')
  const summary = c.completeness === 'full'
    ? `network ACL ${naclId} rule${c.allows.length > 1 ? 's' : ''} ${rules} allow${c.allows.length > 1 ? '' : 's'} ${what}`
    : c.completeness === 'partial'
      ? `network ACL ${naclId} allows only part of ${what} (rule${c.allows.length > 1 ? 's' : ''} ${rules}${c.deny ? `; rule ${ruleNo(c.deny)} denies the rest` : ''})${c.families.length ? `: ${c.families.join(', ')} clients still work` : ''}`
      : `network ACL ${naclId}${c.deny ? ` rule ${ruleNo(c.deny)}` : ''} denies ${what}`
  return {
    component: { kind: 'network-acl', id: naclId }, check, verdict,
    ...(deciding ? { ruleRef: deciding } : {}), ...(refs.length > 1 ? { moreRuleRefs: refs.slice(1) } : {}),
    ...(verdict !== 'allow' ? { code: 'SUBNET_ACL_RESTRICTION' } : {}),
    summary,
  }
}

export function sgStep(r: SgRuleC, check: 'sg' | 'target-sg' | 'lb-sg-egress' | 'sg-egress', what: string): StepDraft {
  const via = r.peerKind === 'prefix-list' ? ` (prefix list ${r.peer})` : ''
  return {
    component: { kind: 'security-group', id: r.groupId }, check, verdict: 'allow', ruleRef: sgRef(r),
    summary: `security group ${r.groupId} rule ${r.id} allows ${what}${via}`,
  }
}

/** Several rules admitting parts of the same sources: one step citing them all, the first as `ruleRef`. */
export function sgRulesStep(rules: readonly SgRuleC[], check: 'sg' | 'target-sg', what: string): StepDraft {
  if (rules.length === 1) return sgStep(rules[0]!, check, what)
  const groups = [...new Set(rules.map((r) => r.groupId))]
  const lists = [...new Set(rules.filter((r) => r.peerKind === 'prefix-list').map((r) => r.peer))]
  return {
    component: { kind: 'security-group', id: rules[0]!.groupId }, check, verdict: 'allow', ruleRef: sgRef(rules[0]!),
    moreRuleRefs: rules.slice(1).map(sgRef),
    summary: `security group${groups.length > 1 ? 's' : ''} ${groups.join(', ')} rules ${rules.map((r) => r.id).join(', ')} together allow ${what}${lists.length ? ` (prefix list${lists.length > 1 ? 's' : ''} ${lists.join(', ')})` : ''}`,
  }
}

export { portText }
