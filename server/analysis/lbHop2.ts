import { AddressSet } from './AddressSet.ts'
import type { BlockedPiece, ExposedPiece, InboundEvaluator } from './InboundEvaluator.ts'
import type { LbNode, ResolvedTarget } from './lbTargets.ts'
import type { LoadBalancerC, Model, SgRuleC } from './Model.ts'
import { ALL, protocolName } from './protocols.ts'
import { naclStep, returnStep, sgStep, type StepDraft } from './steps.ts'

export interface Hop2Input {
  lb: LoadBalancerC
  node: LbNode
  target: ResolvedTarget
  /** Listener and target steps, already built. */
  pathSteps: StepDraft[]
  preserved: boolean
}

/**
 * Hop 2 of §5.4, load balancer node → target, for each hop-1 piece: the LB's security group egress, the
 * NACL pair (skipped within one subnet), the target's security group for the source it actually sees
 * (LB group reference or node addresses; the client with preservation) and the NACLs of the replies.
 */
export function lbHop2(model: Model, ev: InboundEvaluator, h: Hop2Input, hop1: readonly ExposedPiece[]): { exposed: ExposedPiece[]; blocked: BlockedPiece[] } {
  const exposed: ExposedPiece[] = []
  const blocked: BlockedPiece[] = []
  const { lb, node, target } = h
  const port = target.target.port
  const crossing = node.subnet.id !== target.subnet.id
  const naclLb = crossing && node.subnet.naclId ? model.nacls.get(node.subnet.naclId) ?? null : null
  const naclT = crossing && target.subnet.naclId ? model.nacls.get(target.subnet.naclId) ?? null : null
  const toTarget = (bucket: number) => `${protocolName(bucket)} ${port} from the load balancer to ${target.ip}`

  for (const p of hop1) {
    const b = p.bucket
    const steps: StepDraft[] = [...p.steps, ...h.pathSteps]
    const keyParts: string[] = [p.key, node.subnet.naclId ?? '', node.subnet.routeTableId ?? '', String(port)]
    const stop = (step: StepDraft, set = p.set) => {
      blocked.push({ bucket: b, lo: port, hi: port, family: p.family, set, step, sgRuleIds: p.sgRules.map((r) => r.id), key: `${keyParts.join('|')}|${step.check}:${step.ruleRef ? JSON.stringify(step.ruleRef) : step.code}` })
    }
    if (lb.securityGroupIds.length > 0) {
      const egress = findEgress(model, lb.securityGroupIds, b, port, target)
      if (!egress) {
        stop({
          component: { kind: 'security-group', id: lb.securityGroupIds[0] }, check: 'lb-sg-egress', verdict: 'deny', code: 'ENI_SG_RULES_MISMATCH',
          summary: `no egress rule of the load balancer's security groups (${lb.securityGroupIds.join(', ')}) allows ${toTarget(b)}`,
        })
        continue
      }
      steps.push(sgStep(egress, 'lb-sg-egress', `outbound ${toTarget(b)}`))
      keyParts.push(egress.id)
    }
    if (naclLb) {
      const e = ev.nacl.decide(naclLb, true, b, port, target.ipSet)
      if (e) {
        const s = naclStep(naclLb.id, e, 'nacl-out', `outbound ${toTarget(b)}`)
        if (e.action === 'deny') { stop(s); continue }
        steps.push(s); keyParts.push(`lo${e.n}`)
      }
    }
    // The source the target sees: the client itself with preservation, else the node's own addresses.
    const seen = h.preserved ? p.set : node.private
    const seenWhat = h.preserved ? 'the client addresses (client IP preservation)'
      : node.eni ? `load balancer node addresses ${node.private.toCidrs().slice(0, 3).join(', ')}`
        : `the load balancer's nodes, somewhere in ${node.subnet.id} ${node.private.toCidrs().slice(0, 3).join(', ')} (its network interfaces were not collected)`
    type Part = { set: AddressSet; steps: StepDraft[]; key: string; completeness: 'full' | 'partial'; families: string[] }
    let parts: Part[] = [{ set: seen, steps: [], key: '', completeness: p.completeness, families: p.families }]
    const failures: Array<{ set: AddressSet; step: StepDraft }> = []
    if (naclT) {
      const next: Part[] = []
      for (const part of parts) {
        for (const np of ev.nacl.partition(naclT, false, b, port, port)) {
          const s = part.set.intersect(np.set)
          if (s.isEmpty()) continue
          const st = naclStep(naclT.id, np.entry, 'nacl-in', `inbound ${protocolName(b)} ${port} to ${target.ip} from ${seenWhat}`)
          if (np.entry.action === 'deny') failures.push({ set: s, step: st })
          else next.push({ ...part, set: s, steps: [...part.steps, st], key: `${part.key}|ti${np.entry.n}` })
        }
      }
      parts = next
    }
    {
      const rules = (target.eni.groupIds.flatMap((g) => model.securityGroups.get(g)?.ingress ?? []))
        .filter((r) => (r.proto === ALL || r.proto === b) && r.lo <= port && r.hi >= port)
      const ref = rules.find((r) => r.refGroupId && !r.stale && lb.securityGroupIds.includes(r.refGroupId))
      const next: Part[] = []
      for (const part of parts) {
        if (ref) { next.push({ ...part, steps: [...part.steps, sgStep(ref, 'target-sg', `${protocolName(b)} ${port} from the load balancer's security group ${ref.peer}`)], key: `${part.key}|ts${ref.id}` }); continue }
        let remaining = part.set
        for (const r of [...rules].filter((x) => x.peerKind !== 'security-group').sort(broadestFirst)) {
          const m = remaining.intersect(r.addrs)
          if (m.isEmpty()) continue
          next.push({ ...part, set: m, steps: [...part.steps, sgStep(r, 'target-sg', `${protocolName(b)} ${port} from ${seenWhat}`)], key: `${part.key}|ts${r.id}` })
          remaining = remaining.subtract(m)
        }
        if (!remaining.isEmpty()) {
          failures.push({
            set: remaining,
            step: {
              component: { kind: 'security-group', id: target.eni.groupIds[0] ?? target.eni.id }, check: 'target-sg', verdict: 'deny', code: 'ENI_SG_RULES_MISMATCH',
              summary: `no ingress rule of ${target.eni.id}'s security groups (${target.eni.groupIds.join(', ') || 'none'}) allows ${protocolName(b)} ${port} from ${seenWhat}${lb.securityGroupIds.length ? ` or the load balancer's group` : ''}`,
            },
          })
        }
      }
      parts = next
    }
    if (naclT && naclLb) {
      const next: Part[] = []
      const backToLb = ev.nacl.returnClasses(naclLb, false, b).find((c) => c.set.covers(target.ipSet))
      for (const part of parts) {
        for (const oc of ev.nacl.returnClasses(naclT, true, b)) {
          const s = part.set.intersect(oc.set)
          if (s.isEmpty()) continue
          const outStep = returnStep(naclT.id, oc, 'nacl-out', `replies from ${target.ip} to ${seenWhat}`)
          if (oc.completeness === 'none') { failures.push({ set: s, step: outStep }); continue }
          if (!backToLb || backToLb.completeness === 'none') {
            failures.push({ set: s, step: backToLb ? returnStep(naclLb.id, backToLb, 'nacl-in', `replies from ${target.ip} into the load balancer subnet`) : outStep })
            continue
          }
          const inStep = returnStep(naclLb.id, backToLb, 'nacl-in', `replies from ${target.ip} into the load balancer subnet`)
          const partial = part.completeness === 'partial' || oc.completeness === 'partial' || backToLb.completeness === 'partial'
          const families = !partial ? [] : h.preserved ? intersect(part, oc.completeness === 'partial' ? oc.families : null, backToLb.completeness === 'partial' ? backToLb.families : null) : part.completeness === 'partial' ? part.families : []
          next.push({ set: s, steps: [...part.steps, outStep, inStep], key: `${part.key}|to${oc.key}|li${backToLb.key}`, completeness: partial ? 'partial' : 'full', families })
        }
      }
      parts = next
    }
    if (h.preserved) {
      for (const part of parts) exposed.push({ ...p, lo: port, hi: port, set: part.set, completeness: part.completeness, families: part.families, steps: [...steps, ...part.steps], key: `${keyParts.join('|')}${part.key}` })
      for (const f of failures) stop(f.step, f.set)
    } else if (parts.length > 0) {
      // Any node address that gets through carries the whole hop-1 client set; prefer a full path.
      const best = parts.find((x) => x.completeness === 'full') ?? parts[0]
      exposed.push({ ...p, lo: port, hi: port, completeness: best.completeness, families: best.families, steps: [...steps, ...best.steps], key: `${keyParts.join('|')}${best.key}` })
    } else if (failures.length > 0) stop(failures[0].step)
  }
  return { exposed, blocked }
}

function findEgress(model: Model, groupIds: readonly string[], bucket: number, port: number, target: ResolvedTarget): SgRuleC | undefined {
  const rules = groupIds.flatMap((g) => model.securityGroups.get(g)?.egress ?? [])
    .filter((r) => (r.proto === ALL || r.proto === bucket) && r.lo <= port && r.hi >= port)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  return rules.find((r) => (r.peerKind === 'security-group' ? !r.stale && target.eni.groupIds.includes(r.refGroupId!) : r.addrs.covers(target.ipSet)))
}

function broadestFirst(a: SgRuleC, b: SgRuleC): number {
  const x = a.addrs.v4.size() + a.addrs.v6.size(), y = b.addrs.v4.size() + b.addrs.v6.size()
  return x > y ? -1 : x < y ? 1 : a.id < b.id ? -1 : 1
}

function intersect(part: { completeness: string; families: string[] }, ...lists: Array<string[] | null>): string[] {
  let out: string[] | null = part.completeness === 'partial' ? part.families : null
  for (const l of lists) if (l) out = out ? out.filter((f) => l.includes(f)) : l
  return out ?? []
}
