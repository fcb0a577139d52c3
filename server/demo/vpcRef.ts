import type { Vpc } from '../../shared/index.ts'

/** What builders need to know about a VPC; rebuilt from the inventory when a story step adds to one. */
export interface VpcRef {
  vpcId: string
  name: string
  cidr: string
  ipv6Cidr?: string
  env: string
  team: string
}

export function vpcRef(vpc: Vpc): VpcRef {
  const tag = (k: string) => vpc.Tags?.find((t) => t.Key === k)?.Value ?? ''
  return {
    vpcId: vpc.VpcId,
    name: tag('Name'),
    cidr: vpc.CidrBlock ?? '',
    ipv6Cidr: vpc.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock,
    env: tag('env'),
    team: tag('team'),
  }
}
