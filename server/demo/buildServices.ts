import type { Subnet } from '../../shared/index.ts'
import { apportion } from './apportion.ts'
import type { RuleSpec } from './buildSecurityGroupRule.ts'
import { buildInstance, type BuiltInstance } from './buildInstance.ts'
import { buildSecurityGroup, type SgRef } from './buildSecurityGroup.ts'
import type { DemoBuilder } from './demoBuilder.ts'
import type { ScaledVpc } from './scaledVpc.ts'
import type { SeededRandom } from './seededRandom.ts'

type Kind = 'api' | 'worker' | 'grpc' | 'db' | 'cache' | 'etl' | 'admin' | 'web'

/** share of services, instances per service (relative), name suffixes, instance types */
const KINDS: Record<Kind, { share: number; size: number; roles: string[]; types: string[] }> = {
  api: { share: 30, size: 5, roles: ['api', 'service', 'gateway', 'bff'], types: ['m6i.large', 'm7g.large', 'c6i.xlarge'] },
  worker: { share: 17, size: 3, roles: ['worker', 'consumer', 'scheduler'], types: ['m7g.large', 'c7g.xlarge'] },
  grpc: { share: 15, size: 4, roles: ['grpc', 'rpc'], types: ['c6i.large', 'c7g.large'] },
  db: { share: 10, size: 2, roles: ['db', 'postgres', 'mysql'], types: ['r6i.xlarge', 'r6g.2xlarge'] },
  cache: { share: 8, size: 2, roles: ['cache', 'redis'], types: ['r7g.large'] },
  etl: { share: 10, size: 2, roles: ['etl', 'indexer', 'sync'], types: ['m6i.2xlarge'] },
  admin: { share: 5, size: 1, roles: ['admin', 'console'], types: ['t3.medium'] },
  web: { share: 5, size: 3, roles: ['web', 'frontend'], types: ['t3.large', 'c6i.large'] },
}
const KIND_NAMES = Object.keys(KINDS) as Kind[]
const DOMAINS = ['payments', 'orders', 'checkout', 'catalog', 'search', 'inventory', 'shipping', 'billing', 'identity',
  'notifications', 'pricing', 'ledger', 'fraud', 'reporting', 'recommendations', 'reviews', 'media', 'auth', 'accounts',
  'analytics', 'cart', 'loyalty', 'promotions', 'returns', 'invoicing', 'tax', 'warehouse', 'routing', 'tracking',
  'support', 'chat', 'email', 'sms', 'webhooks', 'audit', 'sessions', 'profiles', 'subscriptions', 'quotes', 'claims']
/** Isolated and public /24s leave room for the load balancers and a margin of free addresses. */
const SMALL_SUBNET_LIMIT = 180

export interface Service {
  name: string
  kind: Kind
  sg: SgRef
  instances: (BuiltInstance & { az: string })[]
  /** Its group lets the VPC's public ALB in, so the public ALB routes a path to it. */
  public: boolean
}

/**
 * `count` services of a VPC, each with its own security group and about `enis` instances in all. Rules mix
 * what real accounts hold: SG references between callers and callees, the VPC's ALBs, the bastion, the
 * VPC CIDR for metrics, office prefix lists, a few public web tiers and a few sloppy rules open to the world.
 */
export function buildServices(b: DemoBuilder, vpc: ScaledVpc, count: number, enis: number, rng: SeededRandom, officePrefixListId: string): Service[] {
  const ref = vpc.model.ref
  const kinds = Array.from({ length: count }, () => weightedKind(rng))
  const sizes = apportion(enis, kinds.map((k) => KINDS[k].size))
  // Names the VPC already uses (prod's own payments-api), so no group or instance name is taken twice.
  const usedNames = new Set(b.inv.ec2.SecurityGroups
    .filter((g) => g.VpcId === ref.vpcId && g.GroupName?.startsWith(`${ref.name}-`) && g.GroupName.endsWith('-sg'))
    .map((g) => g.GroupName!.slice(ref.name.length + 1, -3)))
  const placed = new Map<string, number>()
  const services: Service[] = []
  const callers = (n: number, allowed: Kind[]) => {
    const pool = services.filter((s) => allowed.includes(s.kind))
    return pool.length === 0 ? [] : [...new Set(Array.from({ length: n }, () => rng.pick(pool)))]
  }
  const ssh: RuleSpec = { protocol: 'tcp', from: 22, ...vpc.ssh, description: 'SSH' }
  const metrics: RuleSpec = { protocol: 'tcp', from: 9100, cidr: ref.cidr, description: 'node_exporter' }

  kinds.forEach((kind, i) => {
    const spec = KINDS[kind]
    const name = uniqueName(`${rng.pick(DOMAINS)}-${rng.pick(spec.roles)}`, usedNames)
    const fromGroups = (port: number, n: number, allowed: Kind[]): RuleSpec[] =>
      callers(n, allowed).map((c) => ({ protocol: 'tcp', from: port, group: c.sg.GroupId, description: `from ${c.name}` }))
    const isPublic = kind === 'api' && vpc.publicAlbSg !== undefined && rng.chance(0.2)
    const ingress: RuleSpec[] =
      kind === 'api' ? [
        { protocol: 'tcp', from: 8080, group: vpc.internalAlbSg.GroupId, description: 'from internal ALB' },
        ...(isPublic ? [{ protocol: 'tcp' as const, from: 8080, group: vpc.publicAlbSg!.GroupId, description: 'from public ALB' }] : []),
        ...fromGroups(8080, rng.int(0, 2), ['api', 'web', 'worker']), ssh, metrics]
      : kind === 'grpc' ? [...fromGroups(50051, rng.int(1, 3), ['api', 'worker', 'grpc']), ssh, metrics]
      : kind === 'db' ? (() => {
        const port = rng.chance(0.7) ? 5432 : 3306
        return [...fromGroups(port, rng.int(1, 3), ['api', 'worker', 'grpc', 'etl']), { ...ssh, from: port, description: 'DBA access' }]
      })()
      : kind === 'cache' ? fromGroups(6379, rng.int(1, 3), ['api', 'worker', 'grpc'])
      : kind === 'web' ? [
        { protocol: 'tcp', from: 443, cidr: '0.0.0.0/0' }, { protocol: 'tcp', from: 80, cidr: '0.0.0.0/0' },
        rng.chance(0.2) ? { protocol: 'tcp', from: 22, cidr: '0.0.0.0/0', description: 'temporary' } : { protocol: 'tcp', from: 22, prefixListId: officePrefixListId }]
      : kind === 'admin' ? [
        { protocol: 'tcp', from: 8443, prefixListId: officePrefixListId, description: 'admin UI from the offices' },
        rng.chance(0.1) ? { protocol: 'tcp', from: 0, to: 65535, cidr: '10.0.0.0/8', description: 'debug' } : ssh]
      : kind === 'etl' ? [{ protocol: 'tcp', from: 8080, cidr: '10.0.0.0/8', description: 'internal callers' }, ssh]
      : [ssh, metrics]
    const sg = buildSecurityGroup(b, { vpc: ref, name: `${ref.name}-${name}-sg`, description: `${name} (${kind})`, ingress })
    const instances = Array.from({ length: sizes[i] }, (_, n) => {
      const subnet = chooseSubnet(vpc, kind, i + n, placed)
      const built = buildInstance(b, {
        name: `${ref.name}-${name}-${n + 1}`, vpc: ref, subnet, groups: [sg], instanceType: rng.pick(spec.types), role: name,
        publicIp: kind === 'web' && subnet.MapPublicIpOnLaunch ? 'auto' : undefined,
      })
      return { ...built, az: subnet.AvailabilityZone }
    })
    services.push({ name, kind, sg, instances, public: isPublic })
  })
  return services
}

function weightedKind(rng: SeededRandom): Kind {
  let r = rng.next() * 100
  for (const k of KIND_NAMES) if ((r -= KINDS[k].share) < 0) return k
  return 'worker'
}

function uniqueName(base: string, used: Set<string>): string {
  let name = base
  for (let n = 2; used.has(name); n++) name = `${base}-${n}`
  used.add(name)
  return name
}

/** Web tiers go public, data stores isolated, the rest private; a full small subnet spills into private. */
function chooseSubnet(vpc: ScaledVpc, kind: Kind, spread: number, placed: Map<string, number>): Subnet {
  const { subnets } = vpc.model
  const wanted = kind === 'web' ? subnets.public : kind === 'db' || kind === 'cache' ? subnets.isolated : subnets.private
  let subnet = wanted.length > 0 ? wanted[spread % wanted.length] : subnets.private[spread % subnets.private.length]
  if (subnet !== subnets.private[spread % subnets.private.length] && (placed.get(subnet.SubnetId) ?? 0) >= SMALL_SUBNET_LIMIT) {
    subnet = subnets.private[spread % subnets.private.length]
  }
  placed.set(subnet.SubnetId, (placed.get(subnet.SubnetId) ?? 0) + 1)
  return subnet
}
