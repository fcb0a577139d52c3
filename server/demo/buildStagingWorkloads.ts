import { buildInstance } from './buildInstance.ts'
import { buildSecurityGroup } from './buildSecurityGroup.ts'
import type { VpcModel } from './buildVpc.ts'
import type { DemoBuilder } from './demoBuilder.ts'

/** A smaller copy of prod: a public web host with an auto-assigned IP, an app host and a database. */
export function buildStagingWorkloads(b: DemoBuilder, vpc: VpcModel, officePrefixListId: string): void {
  const ref = vpc.ref
  const webSg = buildSecurityGroup(b, {
    vpc: ref, name: 'staging-web-sg', description: 'staging web: HTTP(S) from anywhere, SSH from the offices',
    ingress: [
      { protocol: 'tcp', from: 80, cidr: '0.0.0.0/0' },
      { protocol: 'tcp', from: 443, cidr: '0.0.0.0/0' },
      { protocol: 'tcp', from: 22, prefixListId: officePrefixListId, description: 'SSH from the offices' },
    ],
  })
  const appSg = buildSecurityGroup(b, {
    vpc: ref, name: 'staging-app-sg', description: 'staging app servers',
    ingress: [
      { protocol: 'tcp', from: 8080, group: webSg.GroupId, description: 'from staging-web' },
      { protocol: 'tcp', from: 22, prefixListId: officePrefixListId, description: 'SSH from the offices' },
    ],
  })
  const dbSg = buildSecurityGroup(b, {
    vpc: ref, name: 'staging-db-sg', description: 'staging PostgreSQL',
    ingress: [{ protocol: 'tcp', from: 5432, group: appSg.GroupId, description: 'from staging-app' }],
  })
  buildInstance(b, { name: 'staging-web-1', vpc: ref, subnet: vpc.subnets.public[0], groups: [webSg], instanceType: 't3.medium', role: 'web', publicIp: 'auto' })
  buildInstance(b, { name: 'staging-app-1', vpc: ref, subnet: vpc.subnets.private[0], groups: [appSg], instanceType: 't3.large', role: 'app' })
  buildInstance(b, { name: 'staging-db-1', vpc: ref, subnet: vpc.subnets.isolated[0], groups: [dbSg], instanceType: 'r6g.large', role: 'db' })
}
