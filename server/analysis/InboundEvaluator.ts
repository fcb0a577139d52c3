import { AddressSet } from './AddressSet.ts'
import { INTERNET } from './internetSpace.ts'
import type { Model, SgRuleC, SubnetC } from './Model.ts'
import { NaclEvaluator, type ReturnClass } from './NaclEvaluator.ts'
import { ALL, hasPorts, ICMP, ICMPV6, isIcmp, OTHER, TCP, UDP } from './protocols.ts'
import { RouteEvaluator } from './RouteEvaluator.ts'
import { segments } from './segments.ts'
import { naclStep, portText, returnStep, routeRef, sgRulesStep, type StepDraft } from './steps.ts'

/** Internet sources that reach an interface on (bucket, ports lo..hi), with the rules that let them. */
export interface ExposedPiece {
  bucket: number
  lo: number
  hi: number
  family: 4 | 6
  set: AddressSet
  completeness: 'full' | 'partial'
  families: string[]
  /** The security group rules that admit these sources (none for a load balancer without groups). */
  sgRules: SgRuleC[]
  steps: StepDraft[]
  key: string
}

/** Internet sources a security group admits that do not get through, with the first layer that stops them. */
export interface BlockedPiece {
  bucket: number
  lo: number
  hi: number
  family: 4 | 6
  set: AddressSet
  step: StepDraft
  sgRuleIds: string[]
  key: string
  /** Stopped by a precondition of the interface itself (no public address, NAT, BPA…). */
  gated?: boolean
}

export interface InboundSpec {
  /** Cache key: everything below that the result depends on. */
  key: string
  /** Ingress rules of the interface's groups, or `open` for a load balancer without security groups. */
  rules: SgRuleC[] | 'open'
  openStep?: StepDraft
  subnet: SubnetC
  /** Per family: null when the internet gateway can deliver to the interface, else the step that stops it. */
  gate: { 4: StepDraft | null; 6: StepDraft | null }
  /** Steps every path shares before the subnet (ingress routing, Block Public Access exclusion). */
  prefixSteps: StepDraft[]
  /** Only these protocol buckets and ports (a load balancer listener). */
  restrict?: { buckets: number[]; lo: number; hi: number }
}

/** `buckets`: the protocol buckets evaluated (for `all` merging and `other`'s exceptions). */
export interface InboundResult { exposed: ExposedPiece[]; blocked: BlockedPiece[]; buckets: number[] }

const STANDARD = [TCP, UDP, ICMP, ICMPV6]

/**
 * The internet → interface evaluation of §10 phase B.3: for every protocol bucket and elementary port
 * segment, sources = SG ∩ internet ∩ gate ∩ return route ∩ NACL in ∩ NACL out, split by the rules that
 * decided each part so every piece has one trace. Results are cached by spec key (SG signature × subnet).
 */
export class InboundEvaluator {
  readonly nacl = new NaclEvaluator()
  readonly routes: RouteEvaluator
  private readonly cache = new Map<string, InboundResult>()

  constructor(private readonly model: Model) {
    this.routes = new RouteEvaluator(model)
  }

  evaluate(spec: InboundSpec): InboundResult {
    const hit = this.cache.get(spec.key)
    if (hit) return hit
    const nacl = spec.subnet.naclId ? this.model.nacls.get(spec.subnet.naclId) ?? null : null
    const rules = spec.rules === 'open' ? [] : spec.rules.filter((r) => !r.inet.isEmpty())
    const result: InboundResult = { exposed: [], blocked: [], buckets: this.buckets(spec, rules, nacl) }
    for (const bucket of result.buckets) {
      const [lo, hi] = spec.restrict ? [spec.restrict.lo, spec.restrict.hi] : [0, 65535]
      const applicable = rules.filter((r) => (r.proto === ALL || r.proto === bucket) && r.hi >= lo && r.lo <= hi)
      if (spec.rules !== 'open' && applicable.length === 0) continue
      const cuts: Array<[number, number]> = hasPorts(bucket) || isIcmp(bucket)
        ? [...applicable.map((r): [number, number] => [r.lo, r.hi]), ...(nacl ? this.nacl.ranges(nacl, false, bucket) : [])]
        : []
      for (const [a, b] of hasPorts(bucket) || isIcmp(bucket) ? segments(lo, hi, cuts) : [[lo, hi] as [number, number]]) {
        for (const family of [4, 6] as const) {
          if ((bucket === ICMP && family === 6) || (bucket === ICMPV6 && family === 4)) continue
          this.segment(spec, nacl, applicable, bucket, a, b, family, result)
        }
      }
    }
    this.cache.set(spec.key, result)
    return result
  }

  private buckets(spec: InboundSpec, rules: SgRuleC[], nacl: ReturnType<Model['nacls']['get']> | null): number[] {
    if (spec.restrict) return spec.restrict.buckets
    const set = new Set<number>()
    for (const r of rules) {
      if (r.proto !== ALL) { set.add(r.proto); continue }
      for (const p of STANDARD) set.add(p)
      set.add(OTHER)
      for (const e of [...(nacl?.inbound ?? []), ...(nacl?.outbound ?? [])]) if (e.proto !== ALL) set.add(e.proto)
    }
    return [...set].sort((a, b) => a - b)
  }

  private segment(spec: InboundSpec, nacl: ReturnType<Model['nacls']['get']> | null, applicable: SgRuleC[],
    bucket: number, lo: number, hi: number, family: 4 | 6, out: InboundResult): void {
    const fam = family === 4 ? AddressSet.ALL4 : AddressSet.ALL6
    // The VPC's own blocks are never internet sources: replies to them stay local (public IPv6 ranges, BYOIP).
    const inetF = INTERNET.intersect(fam).subtract(this.model.vpcs.get(spec.subnet.vpcId)?.cidrs ?? AddressSet.EMPTY)
    // Security group pieces: each address credited to the broadest rule that admits it.
    const sgPieces: Array<{ rule: SgRuleC | null; set: AddressSet }> = []
    if (spec.rules === 'open') sgPieces.push({ rule: null, set: inetF })
    else {
      const covering = applicable.filter((r) => r.lo <= lo && r.hi >= hi && (bucket !== OTHER || r.proto === ALL))
      covering.sort((x, y) => {
        const bx = family === 4 ? x.breadth4 : x.breadth6, by = family === 4 ? y.breadth4 : y.breadth6
        return bx > by ? -1 : bx < by ? 1 : x.id < y.id ? -1 : 1
      })
      let remaining = inetF
      for (const r of covering) {
        const m = remaining.intersect(r.inet)
        if (m.isEmpty()) continue
        sgPieces.push({ rule: r, set: m })
        remaining = remaining.subtract(m)
      }
    }
    if (sgPieces.length === 0) return
    let sgAll = AddressSet.EMPTY
    for (const p of sgPieces) sgAll = sgAll.union(p.set)
    const ruleIdsOf = (s: AddressSet) => sgPieces.filter((p) => p.rule && !p.set.intersect(s).isEmpty()).map((p) => p.rule!.id)
    const fromWhere = `from the internet`
    const what = `inbound${portText(bucket, lo, hi)} ${fromWhere}`
    const block = (set: AddressSet, step: StepDraft, tag: string, gated = false) =>
      out.blocked.push({ bucket, lo, hi, family, set, step, sgRuleIds: ruleIdsOf(set), key: `${family}|${tag}`, ...(gated ? { gated } : {}) })

    const gateStep = spec.gate[family]
    if (gateStep) { block(sgAll, gateStep, `gate:${gateStep.check}:${gateStep.code ?? ''}`, true); return }

    const rt = this.routes.table(spec.subnet)
    for (const rp of this.routes.returnPieces(spec.subnet)) {
      const x = sgAll.intersect(rp.set)
      if (x.isEmpty()) continue
      const routeStep: StepDraft = {
        component: { kind: 'route-table', id: rt?.id ?? spec.subnet.id }, check: 'route',
        verdict: rp.internet ? 'allow' : 'deny', ruleRef: routeRef(rt?.id ?? 'none', rp.route),
        ...(rp.code ? { code: rp.code } : {}),
        summary: rp.route
          ? `route table ${rt?.id} sends replies to these sources via ${rp.route.destination} → ${rp.route.target}${rp.route.state !== 'active' ? ` (${rp.route.state})` : ''}${rp.internet ? '' : ', not back through the internet gateway'}`
          : `route table ${rt?.id ?? '(none)'} has no route back to these sources`,
      }
      if (!rp.internet) { block(x, routeStep, `route:${rp.route?.destination}>${rp.route?.target}`); continue }
      for (const np of nacl ? this.nacl.partition(nacl, false, bucket, lo, hi) : [{ entry: null, set: AddressSet.ALL }]) {
        const y = x.intersect(np.set)
        if (y.isEmpty()) continue
        const inStep = np.entry ? naclStep(nacl!.id, np.entry, 'nacl-in', what) : null
        if (np.entry && np.entry.action === 'deny') { block(y, inStep!, `nacl-in:${np.entry.n}`); continue }
        const classes: ReturnClass[] = nacl ? this.nacl.returnClasses(nacl, true, bucket) : [allowAll]
        for (const oc of classes) {
          const z = y.intersect(oc.set)
          if (z.isEmpty()) continue
          const outStep = nacl ? returnStep(nacl.id, oc, 'nacl-out', replyText(bucket)) : null
          if (oc.completeness === 'none') { block(z, outStep!, `nacl-out:${oc.key}`); continue }
          // Sources merged across every rule that admits some of them before anything judges their
          // breadth: `0.0.0.0/1` in one rule and `128.0.0.0/1` in another are one world exposure.
          let w = AddressSet.EMPTY
          const sgRules: SgRuleC[] = []
          for (const sp of sgPieces) {
            const part = z.intersect(sp.set)
            if (part.isEmpty()) continue
            w = w.union(part)
            if (sp.rule) sgRules.push(sp.rule)
          }
          if (w.isEmpty()) continue
          const sgS = sgRules.length ? sgRulesStep(sgRules, 'sg', what) : spec.openStep!
          out.exposed.push({
            bucket, lo, hi, family, set: w, completeness: oc.completeness as 'full' | 'partial', families: oc.families, sgRules,
            steps: [...spec.prefixSteps, ...(inStep ? [inStep] : []), sgS, ...(outStep ? [outStep] : []), routeStep],
            key: `${family}|${rp.route?.destination}>${rp.route?.target}|${np.entry?.n ?? '-'}|${sgRules.map((r) => r.id).join(',') || 'open'}|${oc.key}`,
          })
        }
      }
    }
  }
}

const allowAll: ReturnClass = { set: AddressSet.ALL, completeness: 'full', families: [], allows: [], deny: null, key: 'no-nacl' }

function replyText(bucket: number): string {
  if (hasPorts(bucket)) return `replies to the clients' ephemeral ports (1024-65535)`
  if (isIcmp(bucket)) return 'echo replies'
  return 'replies'
}
