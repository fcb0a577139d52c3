import type { PolicyReport } from '../../shared/index.ts'
import type { PolicyEvaluation } from './evaluatePolicy.ts'

/** The policy report the API (`…/policy`) and `--policy --json` serve for one version. */
export function policyReport(ev: PolicyEvaluation, env: string, version: string, hash: string): PolicyReport {
  return { env, version, hash, file: ev.file, today: ev.today, acceptances: ev.acceptances, scopes: ev.scopes }
}

/** Today in UTC, YYYY-MM-DD: the day acceptances' `expires` dates are compared with. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/**
 * One line per thing a reader of a policy must know beyond the findings: expired acceptances (their
 * items count again), stale ones (they match nothing: remove or fix them), and scopes that could not
 * be answered in full. Contains the policy's own text (reasons, owners): print as text.
 */
export function policyNotes(ev: PolicyEvaluation): string[] {
  const out: string[] = []
  for (const a of ev.acceptances) {
    if (a.status === 'expired') out.push(`expired acceptance (${ev.file}:${a.line}, owner ${a.owner}, expired ${a.expires}): ${a.matches}: ${a.matched.length} item(s) no longer accepted`)
    if (a.status === 'stale') out.push(`stale acceptance (${ev.file}:${a.line}, owner ${a.owner}): ${a.matches}: matches nothing in this version`)
  }
  for (const s of ev.scopes) for (const u of s.unknown) out.push(`scope ${s.id} (${ev.file}:${s.line}) ${s.status === 'unknown' ? 'is unknown' : 'is incomplete'}: ${u}`)
  return out
}
