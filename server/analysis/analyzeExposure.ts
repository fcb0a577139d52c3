import type { Blocked, Exposure, UnknownVerdict } from '../../shared/index.ts'
import { directExposure } from './directExposure.ts'
import { InboundEvaluator } from './InboundEvaluator.ts'
import { loadBalancerNodeIds, loadBalancerPart } from './exposureParts.ts'
import type { Model } from './Model.ts'
import { unknownDirect, unknownPlaces } from './unknownVerdicts.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface ExposureAnalysis {
  exposures: Exposure[]
  blocked: Blocked[]
  /** Verdicts the data cannot decide (a call not collected, a dangling reference): neither exposed nor blocked. */
  unknown: UnknownVerdict[]
  /** Interfaces whose exposure is unknown (directly, or as a node or target of an unknown load balancer). */
  unknownEnis: Set<string>
  evaluator: InboundEvaluator
}

/**
 * Every interface's direct exposure, then every internet-facing load balancer's, in a stable order.
 * What depends on missing data is not evaluated (a missing route table must not read as "no route"):
 * it is listed in `unknown`, naming the calls and ids it lacks.
 */
export function analyzeExposure(model: Model): ExposureAnalysis {
  const ev = new InboundEvaluator(model)
  const exposures: Exposure[] = []
  const blocked: Blocked[] = []
  const unknown = unknownPlaces(model)
  const unknownEnis = new Set<string>()
  const lbEnis = loadBalancerNodeIds(model)
  for (const eni of model.enis.values()) {
    if (lbEnis.has(eni.id)) continue
    const u = unknownDirect(model, eni)
    if (u) { unknown.push(u); unknownEnis.add(eni.id); continue }
    const r = directExposure(model, ev, eni)
    appendAll(exposures, r.exposures)
    appendAll(blocked, r.blocked)
  }
  const lb = loadBalancerPart(model, ev)
  appendAll(unknown, lb.unknown)
  for (const id of lb.unknownEnis) unknownEnis.add(id)
  appendAll(exposures, lb.exposures)
  appendAll(blocked, lb.blocked)
  exposures.sort(byEniThenPorts)
  blocked.sort(byEniThenPorts)
  unknown.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { exposures, blocked, unknown, unknownEnis, evaluator: ev }
}

function byEniThenPorts(a: { eni: string; via: string; protocol: string; ports: [number, number] }, b: typeof a): number {
  return a.eni < b.eni ? -1 : a.eni > b.eni ? 1 : a.via < b.via ? -1 : a.via > b.via ? 1
    : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.ports[0] - b.ports[0] || a.ports[1] - b.ports[1]
}
