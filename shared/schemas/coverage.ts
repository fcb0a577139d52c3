/**
 * Completeness as data: which calls a version lacks, per account and region, and the verdicts that
 * depend on them. Every report (exposure, findings, reach, diff, check, the API and the web app)
 * carries a Coverage and lists the verdicts it could not decide as UnknownVerdicts, so a missing
 * DescribeRouteTables reads "unknown: DescribeRouteTables not collected for 111122223333/eu-west-1",
 * never "not exposed". Both are derived from the version's warnings (the one record the store keeps).
 */
import Type, { type Static } from 'typebox'
import { CollectionWarning } from './inventory.ts'
import { Severity } from './severity.ts'

/** Warning codes about the data's consistency (references, duplicates); every other code means a call's result is missing. */
export const INTEGRITY_CODES = ['DanglingReference', 'DuplicateResource'] as const

export const Coverage = Type.Object({
  /** True when every call was collected everywhere and no integrity problem was found. */
  complete: Type.Boolean(),
  /** Calls whose result is missing, one per account × region × operation (NotCollected, AccessDenied, a timeout…). */
  notCollected: Type.Array(CollectionWarning),
  /** Dangling references and duplicates found at import or discovery, each naming the file or call and the id. */
  integrity: Type.Array(CollectionWarning),
})
export type Coverage = Static<typeof Coverage>

/** A verdict that depends on data the version does not have. */
export const UnknownVerdict = Type.Object({
  /** Stable within a version: check and subject. */
  id: Type.String(),
  /** What could not be decided: `EXPOSURE` (internet exposure), or a finding check such as UNUSED_SECURITY_GROUP. */
  check: Type.String(),
  /** The resources concerned, most specific first (interface, owner, load balancer…); empty for a whole account × region. */
  resourceIds: Type.Array(Type.String()),
  account: Type.String(),
  region: Type.String(),
  /** Operations not collected that the verdict depends on (DescribeRouteTables, …). */
  missingCalls: Type.Array(Type.String()),
  /** Ids the data refers to but does not contain (a subnet, a security group, a gateway…). */
  missingIds: Type.Array(Type.String()),
  /** The severity if the missing data turned out the worst way, from what is known (the security group rules). */
  worstCase: Severity,
  /** One line: `unknown: DescribeRouteTables not collected for 111122223333/eu-west-1 (…)`. Contains AWS ids. */
  detail: Type.String(),
})
export type UnknownVerdict = Static<typeof UnknownVerdict>

/** The Coverage of a version from its warnings. Pure; the web app uses it for its banner. */
export function coverageOf(warnings: readonly CollectionWarning[]): Coverage {
  const integrity = warnings.filter((w) => (INTEGRITY_CODES as readonly string[]).includes(w.code))
  const seen = new Set<string>()
  const notCollected = warnings.filter((w) => {
    if ((INTEGRITY_CODES as readonly string[]).includes(w.code)) return false
    const k = `${w.account} ${w.region} ${w.service} ${w.operation}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  return { complete: integrity.length === 0 && notCollected.length === 0, notCollected, integrity }
}

/** `DescribeRouteTables, DescribeNetworkAcls not collected for 111122223333/eu-west-1`, one clause per account × region. */
export function describeNotCollected(notCollected: readonly CollectionWarning[]): string[] {
  const byPlace = new Map<string, string[]>()
  for (const w of notCollected) {
    const k = `${w.account}/${w.region}`
    const list = byPlace.get(k) ?? []
    if (!list.includes(w.operation)) list.push(w.operation)
    byPlace.set(k, list)
  }
  return [...byPlace].map(([place, ops]) => `${ops.join(', ')} not collected for ${place}`)
}
