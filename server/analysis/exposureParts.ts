import type { Blocked, Exposure, UnknownVerdict } from '../../shared/index.ts'
import { appendAll } from '../../shared/appendAll.ts'
import { directExposure } from './directExposure.ts'
import { InboundEvaluator } from './InboundEvaluator.ts'
import { isInternetFacing, loadBalancerExposure } from './loadBalancerExposure.ts'
import type { Model } from './Model.ts'
import { unknownDirect, unknownLoadBalancer } from './unknownVerdicts.ts'

/**
 * The two parts analyzeExposure puts together, each on its own, so a version can be analysed
 * incrementally (incrementalExposure): the direct exposure of some interfaces, and the exposure
 * through every internet-facing load balancer. Each gives what analyzeExposure gives for the same
 * interfaces when the model holds every resource their paths read. Pure.
 */

/** Direct exposure of the interfaces `eniIds` (load balancer nodes skipped), in the model's order. */
export function directPart(model: Model, eniIds: ReadonlySet<string>, ev = new InboundEvaluator(model)): { exposures: Exposure[]; unknown: UnknownVerdict[]; unknownEnis: Set<string> } {
  const exposures: Exposure[] = []
  const unknown: UnknownVerdict[] = []
  const unknownEnis = new Set<string>()
  const lbEnis = loadBalancerNodeIds(model)
  for (const eni of model.enis.values()) {
    if (!eniIds.has(eni.id) || lbEnis.has(eni.id)) continue
    const u = unknownDirect(model, eni)
    if (u) { unknown.push(u); unknownEnis.add(eni.id); continue }
    appendAll(exposures, directExposure(model, ev, eni).exposures)
  }
  return { exposures, unknown, unknownEnis }
}

/** Exposure through every internet-facing load balancer, with the verdicts the data cannot decide. */
export function loadBalancerPart(model: Model, ev = new InboundEvaluator(model)): { exposures: Exposure[]; blocked: Blocked[]; unknown: UnknownVerdict[]; unknownEnis: Set<string> } {
  const unknown: UnknownVerdict[] = []
  const unknownEnis = new Set<string>()
  const unknownLbs = new Set<string>()
  for (const lb of model.loadBalancers.values()) {
    if (!isInternetFacing(lb)) continue
    const u = unknownLoadBalancer(model, lb)
    if (!u) continue
    unknown.push({ ...u, resourceIds: [...u.resourceIds, ...lb.eniIds] })
    unknownLbs.add(lb.arn)
    for (const id of lb.eniIds) unknownEnis.add(id)
  }
  return { ...loadBalancerExposure(model, ev, unknownLbs), unknown, unknownEnis }
}

/** Interfaces that are load balancer nodes: their exposure is the load balancer's, not direct. */
export function loadBalancerNodeIds(model: Model): Set<string> {
  const ids = new Set<string>()
  for (const lb of model.loadBalancers.values()) for (const id of lb.eniIds) ids.add(id)
  return ids
}

/** analyzeExposure's order of exposures: by interface, path, protocol and ports (stable). */
export function byEniThenPorts(a: { eni: string; via: string; protocol: string; ports: [number, number] }, b: typeof a): number {
  return a.eni < b.eni ? -1 : a.eni > b.eni ? 1 : a.via < b.via ? -1 : a.via > b.via ? 1
    : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.ports[0] - b.ports[0] || a.ports[1] - b.ports[1]
}
