import type { Blocked, Exposure } from '../../shared/index.ts'
import { directExposure } from './directExposure.ts'
import { InboundEvaluator } from './InboundEvaluator.ts'
import { loadBalancerExposure } from './loadBalancerExposure.ts'
import type { Model } from './Model.ts'
import { appendAll } from '../../shared/appendAll.ts'

export interface ExposureAnalysis {
  exposures: Exposure[]
  blocked: Blocked[]
  evaluator: InboundEvaluator
}

/** Every interface's direct exposure, then every internet-facing load balancer's, in a stable order. */
export function analyzeExposure(model: Model): ExposureAnalysis {
  const ev = new InboundEvaluator(model)
  const exposures: Exposure[] = []
  const blocked: Blocked[] = []
  const lbEnis = new Set<string>()
  for (const lb of model.loadBalancers.values()) for (const id of lb.eniIds) lbEnis.add(id)
  for (const eni of model.enis.values()) {
    if (lbEnis.has(eni.id)) continue
    const r = directExposure(model, ev, eni)
    appendAll(exposures, r.exposures)
    appendAll(blocked, r.blocked)
  }
  const lb = loadBalancerExposure(model, ev)
  appendAll(exposures, lb.exposures)
  appendAll(blocked, lb.blocked)
  exposures.sort(byEniThenPorts)
  blocked.sort(byEniThenPorts)
  return { exposures, blocked, evaluator: ev }
}

function byEniThenPorts(a: { eni: string; via: string; protocol: string; ports: [number, number] }, b: typeof a): number {
  return a.eni < b.eni ? -1 : a.eni > b.eni ? 1 : a.via < b.via ? -1 : a.via > b.via ? 1
    : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : a.ports[0] - b.ports[0] || a.ports[1] - b.ports[1]
}
