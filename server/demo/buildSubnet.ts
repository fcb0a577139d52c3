import type { Subnet } from '../../shared/index.ts'
import { sdkShape } from './sdkShape.ts'
import { cidrSubnet } from './cidrSubnet.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import { ipv6Subnet } from './ipv6Subnet.ts'
import type { VpcRef } from './vpcRef.ts'

export type Tier = 'public' | 'private' | 'isolated'

/** This account's AZ name → AZ id mapping (it differs per account in AWS, which is why both exist). */
const AZ_IDS: Record<string, string> = { a: 'use1-az1', b: 'use1-az2', c: 'use1-az4', d: 'use1-az6', e: 'use1-az3', f: 'use1-az5' }

export const azLetter = (az: string) => az.slice(-1)

/**
 * One subnet of the usual three-tier plan: public /24s at 10.x.0-5, private /20s from 10.x.16, isolated
 * /24s at 10.x.200+. IPv6 /64s for public and private subnets only, when the VPC has a /56.
 */
export function buildSubnet(b: DemoBuilder, vpc: VpcRef, tier: Tier, az: string): Subnet {
  const letter = azLetter(az)
  const index = letter.charCodeAt(0) - 'a'.charCodeAt(0)
  const name = `${vpc.name}-${tier}-${letter}`
  const SubnetId = b.ids.id('subnet', `${vpc.vpcId}/${name}`)
  const cidr = tier === 'public' ? cidrSubnet(vpc.cidr, 24, index)
    : tier === 'private' ? cidrSubnet(vpc.cidr, 20, 1 + index)
    : cidrSubnet(vpc.cidr, 24, 200 + index)
  const ipv6 = vpc.ipv6Cidr && tier !== 'isolated' ? ipv6Subnet(vpc.ipv6Cidr, (tier === 'private' ? 0x10 : 0) + index) : undefined
  const subnet = sdkShape<Subnet>({
    AvailabilityZone: az,
    AvailabilityZoneId: AZ_IDS[letter],
    CidrBlock: cidr,
    DefaultForAz: false,
    MapPublicIpOnLaunch: tier === 'public',
    State: 'available',
    SubnetId,
    VpcId: vpc.vpcId,
    OwnerId: b.account,
    AssignIpv6AddressOnCreation: ipv6 !== undefined && tier === 'private',
    Ipv6CidrBlockAssociationSet: ipv6 ? [{
      AssociationId: b.ids.id('subnet-cidr-assoc', `${SubnetId}/v6`),
      Ipv6CidrBlock: ipv6,
      Ipv6CidrBlockState: { State: 'associated' },
    }] : [],
    Tags: toTags({ Name: name, env: vpc.env, team: vpc.team, tier }),
    SubnetArn: `arn:aws:ec2:${b.region}:${b.account}:subnet/${SubnetId}`,
    EnableDns64: false,
    Ipv6Native: false,
  })
  b.inv.ec2.Subnets.push(subnet)
  return subnet
}
