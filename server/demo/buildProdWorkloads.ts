import { aclEntry } from './aclEntry.ts'
import { buildInstance, type BuiltInstance } from './buildInstance.ts'
import { buildListener, forwardTo, redirectToHttps } from './buildListener.ts'
import { buildLoadBalancer } from './buildLoadBalancer.ts'
import { buildNetworkAcl } from './buildNetworkAcl.ts'
import { buildSecurityGroup, type SgRef } from './buildSecurityGroup.ts'
import { buildTargetGroup } from './buildTargetGroup.ts'
import type { VpcModel } from './buildVpc.ts'
import { buildVpcEndpoint } from './buildVpcEndpoint.ts'
import type { DemoBuilder } from './demoBuilder.ts'

export const OFFICE_CIDR = '81.2.69.0/24'

/**
 * prod's workloads: a bastion with an Elastic IP, app and payments fleets behind an internet-facing
 * dualstack ALB, an ingest fleet behind an internet-facing NLB without security groups, queue workers,
 * PostgreSQL in the isolated tier, an SSM endpoint, and a custom NACL on the public subnets.
 */
export function buildProdWorkloads(b: DemoBuilder, vpc: VpcModel,
  peer: { monitoringSg: SgRef; sharedVpcId: string; peeringId: string }): void {
  const ref = vpc.ref
  const { public: pub, private: priv, isolated } = vpc.subnets
  const sg = (name: string, description: string, ingress: Parameters<typeof buildSecurityGroup>[1]['ingress']) =>
    buildSecurityGroup(b, { vpc: ref, name, description, ingress })
  const fromMonitoring = {
    protocol: 'tcp' as const, from: 9100, group: peer.monitoringSg.GroupId, description: 'node_exporter from shared monitoring',
    peering: { vpcId: peer.sharedVpcId, peeringId: peer.peeringId },
  }

  const bastionSg = sg('prod-bastion-sg', 'SSH bastion', [{ protocol: 'tcp', from: 22, cidr: OFFICE_CIDR, description: 'London office' }])
  const sshFromBastion = { protocol: 'tcp' as const, from: 22, group: bastionSg.GroupId, description: 'SSH from bastion' }
  const albSg = sg('prod-web-alb-sg', 'public web ALB', [
    { protocol: 'tcp', from: 80, cidr: '0.0.0.0/0' }, { protocol: 'tcp', from: 80, cidr6: '::/0' },
    { protocol: 'tcp', from: 443, cidr: '0.0.0.0/0' }, { protocol: 'tcp', from: 443, cidr6: '::/0' },
  ])
  const appSg = sg('prod-app-sg', 'web app servers', [
    { protocol: 'tcp', from: 8080, group: albSg.GroupId, description: 'from prod-web-alb' }, sshFromBastion, fromMonitoring,
  ])
  const paymentsSg = sg('prod-payments-api-sg', 'payments-api', [
    { protocol: 'tcp', from: 8081, group: albSg.GroupId, description: 'from prod-web-alb' }, sshFromBastion, fromMonitoring,
  ])
  const workerSg = sg('prod-worker-sg', 'queue workers', [sshFromBastion, fromMonitoring])
  const ingestSg = sg('prod-ingest-sg', 'telemetry ingest behind prod-ingest-nlb', [
    // The NLB preserves client IPs, so the targets must allow the clients themselves.
    { protocol: 'tcp', from: 8443, cidr: '0.0.0.0/0', description: 'devices via prod-ingest-nlb' }, sshFromBastion, fromMonitoring,
  ])
  const dbSg = sg('prod-db-sg', 'PostgreSQL', [
    { protocol: 'tcp', from: 5432, group: appSg.GroupId, description: 'from prod-app' },
    { protocol: 'tcp', from: 5432, group: paymentsSg.GroupId, description: 'from payments-api' },
    { protocol: 'tcp', from: 5432, group: workerSg.GroupId, description: 'from workers' },
  ])
  const vpceSg = sg('prod-vpce-sg', 'interface endpoints', [{ protocol: 'tcp', from: 443, cidr: ref.cidr, description: 'HTTPS from the VPC' }])

  const run = (name: string, subnetIndex: number, tier: 'public' | 'private' | 'isolated', groups: SgRef[], instanceType: string,
    role: string, extra: { publicIp?: 'eip'; ipv6?: boolean } = {}): BuiltInstance =>
    buildInstance(b, { name, vpc: ref, subnet: vpc.subnets[tier][subnetIndex], groups, instanceType, role, ...extra })
  run('prod-bastion', 0, 'public', [bastionSg], 't3.micro', 'bastion', { publicIp: 'eip', ipv6: true })
  const app = [0, 1, 2].map((i) => run(`prod-app-${i + 1}`, i, 'private', [appSg], 'm6i.large', 'app', { ipv6: true }))
  const payments = [0, 1].map((i) => run(`prod-payments-api-${i + 1}`, i, 'private', [paymentsSg], 'c6i.large', 'payments-api'))
  ;[0, 1].forEach((i) => run(`prod-worker-${i + 1}`, i, 'private', [workerSg], 'm7g.large', 'worker'))
  const ingest = [0, 1].map((i) => run(`prod-ingest-${i + 1}`, i, 'private', [ingestSg], 'c7g.large', 'ingest'))
  ;[0, 1].forEach((i) => run(`prod-db-${i + 1}`, i, 'isolated', [dbSg], 'r6i.xlarge', 'db'))

  const targets = (xs: BuiltInstance[], tier: 'private') => xs.map((x, i) => ({ instanceId: x.instanceId, az: vpc.subnets[tier][i].AvailabilityZone }))
  const alb = buildLoadBalancer(b, { name: 'prod-web-alb', type: 'application', scheme: 'internet-facing', vpc: ref, subnets: pub, securityGroups: [albSg], dualstack: true })
  const appTg = buildTargetGroup(b, { name: 'prod-app-tg', vpc: ref, loadBalancer: alb, protocol: 'HTTP', port: 8080, targets: targets(app, 'private') })
  const paymentsTg = buildTargetGroup(b, { name: 'prod-payments-tg', vpc: ref, loadBalancer: alb, protocol: 'HTTP', port: 8081, targets: targets(payments, 'private') })
  buildListener(b, {
    loadBalancer: alb, port: 443, protocol: 'HTTPS', defaultActions: [forwardTo(appTg)],
    rules: [{ priority: 10, pathPattern: '/api/payments/*', actions: [forwardTo(paymentsTg)] }],
  })
  buildListener(b, { loadBalancer: alb, port: 80, protocol: 'HTTP', defaultActions: [redirectToHttps] })

  const nlb = buildLoadBalancer(b, { name: 'prod-ingest-nlb', type: 'network', scheme: 'internet-facing', vpc: ref, subnets: pub.slice(0, 2), elasticIps: true })
  const ingestTg = buildTargetGroup(b, { name: 'prod-ingest-tg', vpc: ref, loadBalancer: nlb, protocol: 'TCP', port: 8443, targets: targets(ingest, 'private') })
  buildListener(b, { loadBalancer: nlb, port: 443, protocol: 'TCP', defaultActions: [forwardTo(ingestTg)] })

  buildVpcEndpoint(b, { vpc: ref, service: 'ssm', type: 'Interface', subnets: priv.slice(0, 2), groups: [vpceSg] })

  buildNetworkAcl(b, {
    vpc: ref, name: 'prod-public-nacl', subnetIds: pub.map((s) => s.SubnetId), takeFrom: vpc.defaultNacl,
    entries: [
      aclEntry(50, 'in', 'deny', 'all', '45.155.205.0/24'),
      aclEntry(100, 'in', 'allow', 'tcp', '0.0.0.0/0', [443, 443]),
      aclEntry(101, 'in', 'allow', 'tcp', '::/0', [443, 443]),
      aclEntry(110, 'in', 'allow', 'tcp', '0.0.0.0/0', [80, 80]),
      aclEntry(111, 'in', 'allow', 'tcp', '::/0', [80, 80]),
      // SSH is left to the security groups: the NACL only keeps out a known scanner range (rule 50).
      aclEntry(120, 'in', 'allow', 'tcp', '0.0.0.0/0', [22, 22]),
      aclEntry(130, 'in', 'allow', 'tcp', '0.0.0.0/0', [1024, 65535]),
      aclEntry(131, 'in', 'allow', 'tcp', '::/0', [1024, 65535]),
      aclEntry(140, 'in', 'allow', 'all', ref.cidr),
      aclEntry(100, 'out', 'allow', 'tcp', '0.0.0.0/0', [1024, 65535]),
      aclEntry(101, 'out', 'allow', 'tcp', '::/0', [1024, 65535]),
      aclEntry(110, 'out', 'allow', 'tcp', '0.0.0.0/0', [443, 443]),
      aclEntry(120, 'out', 'allow', 'tcp', '0.0.0.0/0', [80, 80]),
      aclEntry(130, 'out', 'allow', 'all', ref.cidr),
    ],
  })
}
