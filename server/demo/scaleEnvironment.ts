import { apportion } from './apportion.ts'
import type { CoreDemo } from './buildCoreDemo.ts'
import { buildListener, forwardTo, redirectToHttps } from './buildListener.ts'
import { buildLoadBalancer } from './buildLoadBalancer.ts'
import { buildSecurityGroup } from './buildSecurityGroup.ts'
import { buildServices, type Service } from './buildServices.ts'
import { buildTargetGroup } from './buildTargetGroup.ts'
import { buildTeamVpc } from './buildTeamVpc.ts'
import type { VpcModel } from './buildVpc.ts'
import type { DemoBuilder } from './demoBuilder.ts'
import type { ScaledVpc } from './scaledVpc.ts'
import { seededRandom } from './seededRandom.ts'

const TEAM_VPCS = ['payments', 'data-platform', 'identity', 'marketplace', 'logistics', 'search', 'messaging', 'ml-platform',
  'analytics', 'media', 'partner-api', 'edge', 'billing', 'growth', 'risk', 'catalog']
/** Real accounts put roughly this many ENIs in one VPC before splitting by team. */
const ENIS_PER_VPC = 2000
const MAX_RULES_PER_LISTENER = 40

/**
 * Grows the core demo to about `scale` ENIs and scale/4 security groups: team VPCs (one per ~2,000 ENIs),
 * then services spread over all VPCs by weight, then target groups and path rules on their ALBs.
 * The core demo stays untouched apart from an internal ALB per core VPC, so the story still applies.
 */
export function scaleEnvironment(b: DemoBuilder, core: CoreDemo, scale: number, seed: number): void {
  const teamCount = Math.min(TEAM_VPCS.length * 4, Math.max(0, Math.round(scale / ENIS_PER_VPC) - 3))
  const vpcs: ScaledVpc[] = [
    coreVpc(b, core.prod, 1.5, { group: groupIdByName(b, 'prod-bastion-sg') }),
    coreVpc(b, core.staging, 0.8, { prefixListId: core.officePrefixListId }),
    coreVpc(b, core.shared, 0.4, { prefixListId: core.officePrefixListId }),
  ]
  for (let i = 0; i < teamCount; i++) {
    const name = TEAM_VPCS[i % TEAM_VPCS.length] + (i < TEAM_VPCS.length ? '' : `-${Math.floor(i / TEAM_VPCS.length) + 1}`)
    vpcs.push(buildTeamVpc(b, name, i, core.shared, core.s3PrefixListId))
  }

  const eniBudget = Math.max(0, scale - b.inv.ec2.NetworkInterfaces.length)
  const serviceBudget = Math.max(0, Math.round(scale / 4) - b.inv.ec2.SecurityGroups.length)
  const weights = vpcs.map((v) => v.weight)
  const enis = apportion(eniBudget, weights)
  const services = apportion(serviceBudget, weights)
  vpcs.forEach((vpc, i) => {
    const rng = seededRandom(`${seed}|scale|${vpc.model.ref.name}`)
    const built = buildServices(b, vpc, services[i], enis[i], rng, core.officePrefixListId)
    wireListeners(b, vpc, built)
  })
}

/** Core VPCs get an internal ALB for their services; prod's public ALB stays as the story knows it. */
function coreVpc(b: DemoBuilder, model: VpcModel, weight: number, ssh: ScaledVpc['ssh']): ScaledVpc {
  const ref = model.ref
  const internalAlbSg = buildSecurityGroup(b, {
    vpc: ref, name: `${ref.name}-internal-alb-sg`, description: 'internal ALB', ingress: [{ protocol: 'tcp', from: 443, cidr: '10.0.0.0/8' }],
  })
  const internalAlb = buildLoadBalancer(b, {
    name: `${ref.name}-internal-alb`, type: 'application', scheme: 'internal', vpc: ref, subnets: model.subnets.private, securityGroups: [internalAlbSg],
  })
  return { model, weight, ssh, internalAlb, internalAlbSg }
}

function groupIdByName(b: DemoBuilder, name: string): string {
  const group = b.inv.ec2.SecurityGroups.find((g) => g.GroupName === name)
  if (!group) throw new Error(`demo: no security group ${name}`)
  return group.GroupId
}

/** Target groups for the API services, path rules on the internal ALB, and the public ALB's first few. */
function wireListeners(b: DemoBuilder, vpc: ScaledVpc, services: Service[]): void {
  const ref = vpc.model.ref
  const apis = services.filter((s) => s.kind === 'api' && s.instances.length > 0).slice(0, MAX_RULES_PER_LISTENER)
  const tgName = (s: Service) => {
    const base = `${ref.name}-${s.name}`
    return `${base.length > 29 ? `${base.slice(0, 22)}-${b.ids.hex(`tgname:${base}`, 6)}` : base}-tg`
  }
  const groups = apis.map((s) => ({
    service: s,
    arn: buildTargetGroup(b, {
      name: tgName(s), vpc: ref, loadBalancer: vpc.internalAlb, protocol: 'HTTP', port: 8080,
      targets: s.instances.map((x) => ({ instanceId: x.instanceId, az: x.az })),
    }),
  }))
  const notFound = { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'not found' } }
  const rules = (gs: typeof groups) => gs.map((g, i) => ({ priority: (i + 1) * 10, pathPattern: `/${g.service.name}/*`, actions: [forwardTo(g.arn)] }))
  buildListener(b, { loadBalancer: vpc.internalAlb, port: 443, protocol: 'HTTPS', defaultActions: [notFound], rules: rules(groups) })
  if (vpc.publicAlb) {
    const exposed = groups.filter((g) => g.service.public)
    buildListener(b, { loadBalancer: vpc.publicAlb, port: 443, protocol: 'HTTPS', defaultActions: [notFound], rules: rules(exposed) })
    buildListener(b, { loadBalancer: vpc.publicAlb, port: 80, protocol: 'HTTP', defaultActions: [redirectToHttps] })
  }
}

