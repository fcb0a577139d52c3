import type { NetworkAcl, NetworkAclEntry } from '../../shared/index.ts'
import { aclEntry } from './aclEntry.ts'
import { toTags, type DemoBuilder } from './demoBuilder.ts'
import type { VpcRef } from './vpcRef.ts'

export interface NetworkAclSpec {
  vpc: VpcRef
  name: string
  isDefault?: boolean
  /** User entries; the `*` catch-all denies (32767, and 32768 for IPv6 VPCs) are added here. */
  entries: NetworkAclEntry[]
  subnetIds: string[]
  /** A custom NACL takes its subnets over from this (the VPC's default) NACL, as ReplaceNetworkAclAssociation does. */
  takeFrom?: NetworkAcl
}

export function buildNetworkAcl(b: DemoBuilder, spec: NetworkAclSpec): NetworkAcl {
  const NetworkAclId = b.ids.id('acl', `${spec.vpc.vpcId}/${spec.name}`)
  const catchAll = (['out', 'in'] as const).flatMap((d) => [
    aclEntry(32767, d, 'deny', 'all', '0.0.0.0/0'),
    ...(spec.vpc.ipv6Cidr ? [aclEntry(32768, d, 'deny', 'all', '::/0')] : []),
  ])
  const acl: NetworkAcl = {
    Associations: [],
    Entries: sortEntries([...spec.entries, ...catchAll]),
    IsDefault: spec.isDefault ?? false,
    NetworkAclId,
    Tags: toTags({ Name: spec.name, env: spec.vpc.env, team: spec.vpc.team }),
    VpcId: spec.vpc.vpcId,
    OwnerId: b.account,
  }
  for (const subnetId of spec.subnetIds) associateNetworkAcl(b, acl, subnetId)
  if (spec.takeFrom) {
    const moved = new Set(spec.subnetIds)
    spec.takeFrom.Associations = spec.takeFrom.Associations?.filter((a) => !moved.has(a.SubnetId ?? ''))
  }
  b.inv.ec2.NetworkAcls.push(acl)
  return acl
}

/** DescribeNetworkAcls lists egress entries first, each direction by rule number. */
export function sortEntries(entries: NetworkAclEntry[]): NetworkAclEntry[] {
  return entries.sort((x, y) => Number(y.Egress) - Number(x.Egress) || x.RuleNumber - y.RuleNumber)
}

/** Every subnet has exactly one NACL association, listed by that NACL; mutates `acl`. */
export function associateNetworkAcl(b: DemoBuilder, acl: NetworkAcl, subnetId: string): void {
  acl.Associations ??= []
  acl.Associations.push({
    NetworkAclAssociationId: b.ids.id('aclassoc', `${acl.NetworkAclId}/${subnetId}`),
    NetworkAclId: acl.NetworkAclId,
    SubnetId: subnetId,
  })
}
