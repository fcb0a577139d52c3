import { buildInstance } from './buildInstance.ts'
import { buildSecurityGroup, type SgRef } from './buildSecurityGroup.ts'
import type { VpcModel } from './buildVpc.ts'
import type { DemoBuilder } from './demoBuilder.ts'

/** Monitoring (Prometheus + Grafana) and a CI runner, reachable from the offices and from prod. */
export function buildSharedServicesWorkloads(b: DemoBuilder, vpc: VpcModel, officePrefixListId: string): { monitoringSg: SgRef } {
  const ref = vpc.ref
  const monitoringSg = buildSecurityGroup(b, {
    vpc: ref, name: 'shared-monitoring-sg', description: 'Prometheus and Grafana',
    ingress: [
      { protocol: 'tcp', from: 3000, prefixListId: officePrefixListId, description: 'Grafana from the offices' },
      { protocol: 'tcp', from: 9090, cidr: '10.0.0.0/16', description: 'Prometheus federation from prod' },
    ],
  })
  const ciSg = buildSecurityGroup(b, { vpc: ref, name: 'shared-ci-runner-sg', description: 'CI runners: outbound only', ingress: [] })
  const [a, bSubnet] = vpc.subnets.private
  buildInstance(b, { name: 'shared-monitoring-1', vpc: ref, subnet: a, groups: [monitoringSg], instanceType: 'm6i.xlarge', role: 'monitoring' })
  buildInstance(b, { name: 'shared-ci-runner-1', vpc: ref, subnet: bSubnet, groups: [ciSg], instanceType: 'c6i.2xlarge', role: 'ci-runner' })
  return { monitoringSg }
}
