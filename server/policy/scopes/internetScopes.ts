import { type Exposure, type PolicyScope, type Severity } from '../../../shared/index.ts'
import { AddressSet } from '../../analysis/AddressSet.ts'
import { INTERNET } from '../../analysis/internetSpace.ts'
import { eniIds, type PolicyContext } from '../PolicyContext.ts'
import { portRange } from '../policyTerms.ts'
import { describeSelector, selectEnis } from '../selectEnis.ts'
import { exposureMatches, portsLabel } from './exposureMatches.ts'
import { MAX_VIOLATIONS, type ScopeOutcome } from './ScopeOutcome.ts'

type InternetScope = Extract<PolicyScope, { kind: 'not-internet-reachable' | 'only-load-balancers-internet-facing' | 'allowed-internet-sources' }>

/**
 * The three scopes about the internet, answered from exposure analysis: every exposure that breaks
 * the rule is a violation carrying the exposure's own trace (address, route, NACL entries, the
 * security group rule, the listener), so the rules that decided it are named.
 */
export function internetScope(scope: InternetScope, severity: Severity, ctx: PolicyContext): ScopeOutcome {
  const { model, exposure } = ctx.analysis
  const selected = selectEnis(scope.resources, ctx)
  const range = 'port' in scope && scope.port !== undefined ? portRange(scope.port) : undefined
  const protocol = scope.kind === 'allowed-internet-sources' ? scope.protocol ?? 'tcp' : 'protocol' in scope ? scope.protocol : undefined
  const out: ScopeOutcome = { violations: [], unknown: [], truncated: false }

  let allowed = AddressSet.EMPTY
  if (scope.kind === 'allowed-internet-sources') {
    for (const s of scope.sources) {
      if (!s.startsWith('pl-')) { allowed = allowed.union(AddressSet.fromCidr(s)); continue }
      const pl = model.prefixLists.get(s)
      if (pl) allowed = allowed.union(pl.addrs)
      else out.unknown.push(`prefix list ${s} is not in this version (GetManagedPrefixListEntries not collected?): its sources cannot be checked`)
    }
    // Without the prefix list's entries, any extra source might be in it: say unknown, not violated.
    if (out.unknown.length > 0) return out
  }

  for (const e of exposure.exposures) {
    const eni = model.enis.get(e.eni)
    if (!eni || !selected(eni) || !exposureMatches(e, protocol, range)) continue
    let extra: string[] | undefined
    if (scope.kind === 'only-load-balancers-internet-facing') {
      const isLb = eni.kind === 'load-balancer' || (!!e.resource && model.loadBalancers.has(e.resource))
      if (e.via !== 'direct' || isLb) continue
    } else if (scope.kind === 'allowed-internet-sources') {
      const outside = AddressSet.fromCidrs(e.sources).intersect(INTERNET).subtract(allowed)
      if (outside.isEmpty()) continue
      extra = outside.toCidrs()
    }
    if (out.violations.length >= MAX_VIOLATIONS) { out.truncated = true; break }
    out.violations.push(violation(scope, severity, e, eniIds(eni), extra))
  }
  return out
}

function violation(scope: InternetScope, severity: Severity, e: Exposure, ids: string[], extra: string[] | undefined): ScopeOutcome['violations'][number] {
  const what = `${e.eni}${e.resource ? ` (${e.resource})` : ''}`
  const on = portsLabel(e.protocol, e.ports)
  const via = e.via === 'direct' ? 'directly' : `through ${e.lb?.loadBalancerArn ?? e.via}`
  const [title, detail] = scope.kind === 'not-internet-reachable'
    ? [`${what} is reachable from the internet on ${on}`, `Scope ${scope.id}: nothing ${describeSelector(scope.resources)} may be reachable from the internet; ${e.eni} is, ${via}, from ${e.sources.length} source range(s).`]
    : scope.kind === 'only-load-balancers-internet-facing'
      ? [`${what} is internet-facing on ${on} without a load balancer`, `Scope ${scope.id}: only load balancers may be internet-facing; ${e.eni} is reachable directly.`]
      : [`${what} is reachable on ${on} from sources outside the allowed list`, `Scope ${scope.id}: ${on} only from ${(scope as { sources: string[] }).sources.join(', ')}; also reachable from ${extra!.slice(0, 5).join(', ')}${extra!.length > 5 ? ` and ${extra!.length - 5} more` : ''}, ${via}.`]
  return {
    id: `${scope.id}:${e.id}`, scope: scope.id, severity, title, detail,
    resourceIds: [...new Set([...ids, ...(e.lb ? [e.lb.loadBalancerArn] : [])])],
    protocol: e.protocol, ports: e.ports, sources: extra ?? e.sources, exposureId: e.id, trace: e.trace,
  }
}
