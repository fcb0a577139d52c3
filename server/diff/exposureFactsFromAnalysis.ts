import type { Exposure, ExposureFact, RuleRef } from '../../shared/index.ts'

const ruleIdOf = (r: RuleRef): string | undefined =>
  r.kind === 'sg-rule' ? r.securityGroupRuleId
    : r.kind === 'nacl-entry' ? `${r.naclId}/${r.egress ? 'egress' : 'ingress'}/${r.ruleNumber}`
      : r.kind === 'route' ? `${r.routeTableId}/${r.destination}` : undefined

/**
 * Exposure analysis results (server/analysis) as the diff's exposure facts: per network interface,
 * protocol and ports, the internet sources that can open a connection (directly or through a load
 * balancer), with the ids of the rules on the path.
 */
export function exposureFactsFromAnalysis(exposures: readonly Exposure[]): ExposureFact[] {
  return exposures.map((e) => ({
    resourceId: e.eni,
    protocol: e.protocol,
    ports: { from: e.ports[0], to: e.ports[1] },
    sources: e.sources,
    ruleIds: e.trace.flatMap((s) => [s.ruleRef, ...(s.moreRuleRefs ?? [])]).flatMap((r) => (r ? [ruleIdOf(r)] : []))
      .filter((id): id is string => !!id),
    ...(e.lb ? { seenPort: e.lb.listenerPort } : {}),
  }))
}
