import type { AlertChange, Diff, ResourceKind, Severity, WebhookPayload } from '../../shared/index.ts'
import { maxSeverity, reaches, severityRank } from '../../shared/severityOrder.ts'
import { acceptedRuleChanges, ruleChangeKey } from '../policy/acceptedRuleChanges.ts'

const MAX_CHANGES = 100

export interface AlertContext { env: string; fromVersion: string; toVersion: string; at: string; alertOn: Severity }

/**
 * The webhook body for a diff: its changes at or above `alertOn`, most severe first. Undefined when
 * none reaches the threshold (then nothing is sent).
 */
export function alertPayload(diff: Diff, ctx: AlertContext): WebhookPayload | undefined {
  const skip = acceptedRuleChanges(diff)
  const all: AlertChange[] = [
    ...(diff.policy ?? []).filter((p) => p.type !== 'scope-restored').map((p): AlertChange => ({
      severity: p.severity, type: 'policy', change: p.type, resourceId: p.resourceIds[0] ?? p.id, resourceKind: kindOf(p.resourceIds[0] ?? ''), summary: p.summary,
    })),
    // Accepted by the policy: reviewed already, not worth an alert.
    ...diff.exposure.filter((e) => !e.accepted).map((e): AlertChange => ({
      severity: e.severity, type: 'exposure', change: e.change, resourceId: e.resourceId, resourceKind: e.resourceKind, summary: e.summary,
    })),
    ...diff.resources.flatMap((r): AlertChange[] => {
      const rules = r.rules.filter((x) => !skip.has(ruleChangeKey(r.id, x.collection, x.key)))
      if (r.rules.length > 0 && rules.length === 0 && r.fields.length === 0) return []
      return [{
        severity: rules.length < r.rules.length ? maxSeverity(...rules.map((x) => x.severity), 'info') : r.severity, type: 'resource', change: r.change, resourceId: r.id, resourceKind: r.kind,
        summary: rules.length > 0 ? rules.map((x) => x.summary).join('; ') : `${r.change} ${r.kind} ${r.name ?? r.id}`,
      }]
    }),
    ...diff.relationships.map((x): AlertChange => ({
      severity: x.severity, type: 'relationship', change: 'modified', resourceId: x.resourceId, resourceKind: x.kind, summary: x.summary,
    })),
  ].filter((c) => reaches(c.severity, ctx.alertOn))
  if (all.length === 0) return undefined
  // Stable: equal severities keep the diff's own ranking (exposure first).
  const ranked = all.map((c, i) => ({ c, i })).sort((a, b) => severityRank(a.c.severity) - severityRank(b.c.severity) || a.i - b.i).map((x) => x.c)
  return {
    event: 'vpclens.changes',
    env: ctx.env, fromVersion: ctx.fromVersion, toVersion: ctx.toVersion, at: ctx.at, alertOn: ctx.alertOn,
    highestSeverity: ranked[0].severity,
    counts: {
      added: diff.summary.added, removed: diff.summary.removed, modified: diff.summary.modified,
      relationships: diff.summary.relationships, exposure: diff.summary.exposure,
    },
    changes: ranked.slice(0, MAX_CHANGES),
    omitted: Math.max(0, ranked.length - MAX_CHANGES),
  }
}

/** The kind of a resource named by a policy change (an interface, instance or load balancer, most often). */
function kindOf(id: string): ResourceKind {
  return id.startsWith('i-') ? 'instance' : id.includes(':loadbalancer/') ? 'load-balancer' : id.startsWith('sg-') ? 'security-group'
    : id.startsWith('acl-') ? 'network-acl' : 'network-interface'
}
