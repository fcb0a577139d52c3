import type { LoadBalancerRef } from './buildLoadBalancer.ts'
import type { SgRef } from './buildSecurityGroup.ts'
import type { VpcModel } from './buildVpc.ts'

/** A VPC that the scaled generator fills with services, and where those services plug in. */
export interface ScaledVpc {
  model: VpcModel
  /** Its share of the services and ENIs. */
  weight: number
  /** Where SSH comes from: the VPC's bastion group, or the office prefix list when it has no bastion. */
  ssh: { group: string } | { prefixListId: string }
  internalAlb: LoadBalancerRef
  internalAlbSg: SgRef
  publicAlb?: LoadBalancerRef
  publicAlbSg?: SgRef
}
