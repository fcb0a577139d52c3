import { buildInstance } from './buildInstance.ts'
import { buildLoadBalancer } from './buildLoadBalancer.ts'
import { buildPeering } from './buildPeering.ts'
import { buildSecurityGroup } from './buildSecurityGroup.ts'
import { buildVpc, type VpcModel } from './buildVpc.ts'
import { buildVpcEndpoint } from './buildVpcEndpoint.ts'
import type { DemoBuilder } from './demoBuilder.ts'
import type { ScaledVpc } from './scaledVpc.ts'

const INTERFACE_ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages', 'ecr.api', 'ecr.dkr', 'logs', 'sts']

/**
 * One more production VPC of a large account, owned by one team: three AZs and tiers, NAT per AZ, peered
 * with shared-services, the usual interface endpoints, a bastion, and a public and an internal ALB whose
 * listeners are added once the services exist.
 */
export function buildTeamVpc(b: DemoBuilder, name: string, index: number, shared: VpcModel, s3PrefixListId: string): ScaledVpc {
  const model = buildVpc(b, {
    name, cidr: `10.${3 + index}.0.0/16`, azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    tiers: ['public', 'private', 'isolated'], natPerAz: true, env: 'prod', team: name,
  })
  const ref = model.ref
  buildPeering(b, model, shared, model.privateTables, [...shared.privateTables, shared.publicTable!])
  buildVpcEndpoint(b, { vpc: ref, service: 's3', type: 'Gateway', routeTables: [...model.privateTables, model.isolatedTable], prefixListId: s3PrefixListId })
  const vpceSg = buildSecurityGroup(b, { vpc: ref, name: `${name}-vpce-sg`, description: 'interface endpoints', ingress: [{ protocol: 'tcp', from: 443, cidr: ref.cidr }] })
  for (const service of INTERFACE_ENDPOINTS) buildVpcEndpoint(b, { vpc: ref, service, type: 'Interface', subnets: model.subnets.private, groups: [vpceSg] })

  const bastionSg = buildSecurityGroup(b, {
    vpc: ref, name: `${name}-bastion-sg`, description: 'SSH bastion',
    ingress: [{ protocol: 'tcp', from: 22, cidr: '81.2.69.0/24', description: 'London office' }],
  })
  buildInstance(b, { name: `${name}-bastion`, vpc: ref, subnet: model.subnets.public[0], groups: [bastionSg], instanceType: 't3.micro', role: 'bastion', publicIp: 'eip' })

  const publicAlbSg = buildSecurityGroup(b, {
    vpc: ref, name: `${name}-public-alb-sg`, description: 'public ALB',
    ingress: [{ protocol: 'tcp', from: 443, cidr: '0.0.0.0/0' }, { protocol: 'tcp', from: 80, cidr: '0.0.0.0/0' }],
  })
  const internalAlbSg = buildSecurityGroup(b, {
    vpc: ref, name: `${name}-internal-alb-sg`, description: 'internal ALB',
    ingress: [{ protocol: 'tcp', from: 443, cidr: '10.0.0.0/8', description: 'all VPCs' }],
  })
  const publicAlb = buildLoadBalancer(b, { name: `${name}-public-alb`, type: 'application', scheme: 'internet-facing', vpc: ref, subnets: model.subnets.public, securityGroups: [publicAlbSg] })
  const internalAlb = buildLoadBalancer(b, { name: `${name}-internal-alb`, type: 'application', scheme: 'internal', vpc: ref, subnets: model.subnets.private, securityGroups: [internalAlbSg] })
  return { model, weight: 1, ssh: { group: bastionSg.GroupId }, internalAlb, internalAlbSg, publicAlb, publicAlbSg }
}
