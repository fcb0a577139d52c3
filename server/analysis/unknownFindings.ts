import type { Finding, Severity, Snapshot, UnknownVerdict } from '../../shared/index.ts'
import type { ExposureAnalysis } from './analyzeExposure.ts'
import type { Model } from './Model.ts'
import { Gaps, verdict } from './unknownVerdicts.ts'

/**
 * The calls each hygiene check reads (README "Findings"): where one was not collected, the check is
 * not run there and says so, instead of reporting nothing (or, for UNUSED_SECURITY_GROUP without the
 * interfaces, every group). `worst` is the check's highest severity.
 */
const CHECK_CALLS: ReadonlyArray<{ check: string; calls: string[]; worst: Severity }> = [
  { check: 'UNUSED_SECURITY_GROUP', calls: ['DescribeSecurityGroups', 'DescribeNetworkInterfaces', 'DescribeLoadBalancers', 'DescribeVpcEndpoints'], worst: 'low' },
  { check: 'DEFAULT_SG_IN_USE', calls: ['DescribeSecurityGroups', 'DescribeNetworkInterfaces'], worst: 'medium' },
  { check: 'DEFAULT_SG_HAS_RULES', calls: ['DescribeSecurityGroups'], worst: 'medium' },
  { check: 'STALE_SG_REFERENCE', calls: ['DescribeSecurityGroups'], worst: 'low' },
  { check: 'CROSS_ACCOUNT_SG_REFERENCE', calls: ['DescribeSecurityGroups'], worst: 'medium' },
  { check: 'PUBLIC_IP_WITHOUT_INTERNET_ROUTE', calls: ['DescribeNetworkInterfaces', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeInternetGateways'], worst: 'low' },
  { check: 'NACL_ALLOW_ALL', calls: ['DescribeNetworkAcls'], worst: 'low' },
  { check: 'NACL_ADMIN_FROM_WORLD', calls: ['DescribeNetworkAcls'], worst: 'medium' },
  { check: 'SHADOWED_NACL_RULE', calls: ['DescribeNetworkAcls'], worst: 'info' },
  { check: 'BLACKHOLE_ROUTE', calls: ['DescribeRouteTables'], worst: 'low' },
  { check: 'UNATTACHED_ELASTIC_IP', calls: ['DescribeAddresses'], worst: 'info' },
  { check: 'HTTP_LISTENER', calls: ['DescribeLoadBalancers', 'DescribeListeners'], worst: 'low' },
]

/** Rule findings that claim "nothing reaches it": not decidable while an interface using the group is unknown. */
const NOT_EXPOSED_CLAIMS = new Set(['OPEN_RULE_NOT_EXPOSED', 'ALL_TRAFFIC_RULE'])

/**
 * Findings with what the data cannot decide taken out, and the unknown verdicts in their place: the
 * exposure verdicts, each check that could not run in an account × region, and no finding about an
 * interface whose subnet or groups were never read.
 */
export function withoutUnknown(snapshot: Snapshot, model: Model, exposure: ExposureAnalysis, findings: readonly Finding[]): { findings: Finding[]; unknown: UnknownVerdict[] } {
  const unknown: UnknownVerdict[] = [...exposure.unknown]
  const skipped = new Set<string>()
  for (const [place, ops] of model.notCollected) {
    const [account, region] = place.split('/')
    for (const c of CHECK_CALLS) {
      if (!c.calls.some((op) => ops.has(op))) continue
      const gaps = new Gaps(model, account, region)
      gaps.need(c.calls)
      unknown.push(verdict(c.check, [], gaps, c.worst, `${c.check} not checked there`))
      skipped.add(`${c.check} ${place}`)
    }
  }
  const placeOf = new Map<string, string>()
  if (skipped.size > 0) for (const r of snapshot.resources) placeOf.set(r.id, `${r.account}/${r.region}`)
  const groupsOfUnknown = new Set<string>()
  for (const id of exposure.unknownEnis) for (const g of model.enis.get(id)?.groupIds ?? []) groupsOfUnknown.add(g)
  const kept = findings.filter((f) => {
    const first = f.resourceIds[0] ?? ''
    if (skipped.has(`${f.check} ${placeOf.get(first)}`)) return false
    if (f.check === 'PUBLIC_IP_WITHOUT_INTERNET_ROUTE' && exposure.unknownEnis.has(first)) return false
    if (NOT_EXPOSED_CLAIMS.has(f.check) && groupsOfUnknown.has(first) && !(f.check === 'ALL_TRAFFIC_RULE' && f.severity === 'high')) return false
    return true
  })
  return { findings: kept, unknown: unknown.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) }
}
