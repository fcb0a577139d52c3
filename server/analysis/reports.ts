import { type ExposureReport, type ExposureSummary, type FindingsReport } from '../../shared/index.ts'
import type { SnapshotAnalysis } from './analyzeSnapshot.ts'

/** The exposure report the API and `vpclens exposure --json` serve for one version. */
export function exposureReport(a: SnapshotAnalysis, env: string, version: string, hash: string): ExposureReport {
  const { exposures, blocked, unknown, unknownEnis } = a.exposure
  return {
    env, version, hash, exposures, blocked, unknown, coverage: a.coverage,
    summary: {
      networkInterfaces: a.model.enis.size,
      exposedInterfaces: new Set(exposures.map((e) => e.eni)).size,
      unknownInterfaces: unknownEnis.size,
      directExposures: exposures.filter((e) => e.via === 'direct').length,
      viaLoadBalancerExposures: exposures.filter((e) => e.via !== 'direct').length,
    },
  }
}

/** The exposure report in brief (GET …/exposure/summary): what the web's overlay draws. */
export function exposureSummary(a: SnapshotAnalysis, env: string, version: string, hash: string): ExposureSummary {
  const full = exposureReport(a, env, version, hash)
  return {
    env, version, hash, summary: full.summary, unknown: full.unknown,
    exposures: full.exposures.map((e) => ({
      id: e.id, eni: e.eni, resource: e.resource, vpcId: e.vpcId, subnetId: e.subnetId, protocol: e.protocol, ports: e.ports, severity: e.severity,
      ...(e.lb ? { lb: { loadBalancerArn: e.lb.loadBalancerArn, listenerPort: e.lb.listenerPort } } : {}),
      ...(e.accepted ? { accepted: e.accepted } : {}),
    })),
  }
}

/** The findings report the API and `vpclens findings --json` serve for one version. */
export function findingsReport(a: SnapshotAnalysis, env: string, version: string, hash: string): FindingsReport {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 }
  for (const f of a.findings) counts[f.severity]++
  return { env, version, hash, findings: a.findings, counts, unknown: a.findingsUnknown, coverage: a.coverage }
}
