import type { SecurityGroupRule } from '../../shared/index.ts'
import { AddressSet } from './AddressSet.ts'
import type { PrefixListC, SgRuleC } from './Model.ts'
import { protocolNumber, sgPortRange } from './protocols.ts'
import { INTERNET } from './internetSpace.ts'

export interface GroupLookup {
  prefixLists: Map<string, PrefixListC>
  /** Security group ids present in the snapshot. */
  groups: Set<string>
  /** Account × region pairs the snapshot covers: a reference into one of them that is absent is stale. */
  accounts: Set<string>
  peerings: Map<string, { status: string }>
  /** Parsed peers by text: thousands of rules share a few CIDRs (0.0.0.0/0, the VPC, the offices). */
  peerCache?: Map<string, ReturnType<typeof withInternet>>
}

/**
 * One security group's flat rules (normalize's `attributes.rules`) as atomic rules: protocol number,
 * port range, and the peer as addresses (CIDR, expanded prefix list) or a group reference with its
 * staleness worked out (§1.3). Rules whose protocol cannot be read are left out.
 */
export function compileSecurityGroupRules(groupId: string, ownerId: string, rules: readonly SecurityGroupRule[], lookup: GroupLookup): SgRuleC[] {
  const out: SgRuleC[] = []
  for (const r of rules) {
    const proto = protocolNumber(r.IpProtocol)
    if (proto === undefined) continue
    const [lo, hi] = sgPortRange(proto, r.FromPort, r.ToPort)
    const base = { id: r.SecurityGroupRuleId, groupId, direction: r.IsEgress ? 'egress' : 'ingress', proto, lo, hi } as const
    if (r.CidrIpv4 || r.CidrIpv6) {
      const cidr = (r.CidrIpv4 ?? r.CidrIpv6)!
      let parsed = lookup.peerCache?.get(cidr)
      if (!parsed) { parsed = withInternet(AddressSet.fromCidr(cidr)); lookup.peerCache?.set(cidr, parsed) }
      out.push({ ...base, peer: cidr, peerKind: 'cidr', ...parsed })
    } else if (r.PrefixListId) {
      const pl = lookup.prefixLists.get(r.PrefixListId)
      let parsed = lookup.peerCache?.get(r.PrefixListId)
      if (!parsed) { parsed = withInternet(pl?.addrs ?? AddressSet.EMPTY); lookup.peerCache?.set(r.PrefixListId, parsed) }
      out.push({ ...base, peer: r.PrefixListId, peerKind: 'prefix-list', ...parsed, prefixListName: pl?.name })
    } else if (r.ReferencedGroupInfo?.GroupId) {
      const ref = r.ReferencedGroupInfo
      const refOwner = ref.UserId && ref.UserId !== ownerId ? ref.UserId : undefined
      out.push({
        ...base, peer: ref.GroupId!, peerKind: 'security-group', ...NO_ADDRESSES, refGroupId: ref.GroupId,
        stale: staleReason(ref, ownerId, lookup), ...(refOwner ? { refOwner } : {}),
      })
    }
  }
  return out
}

const NO_ADDRESSES = { addrs: AddressSet.EMPTY, inet: AddressSet.EMPTY, breadth4: 0n, breadth6: 0n }

function withInternet(addrs: AddressSet): { addrs: AddressSet; inet: AddressSet; breadth4: bigint; breadth6: bigint } {
  const inet = addrs.intersect(INTERNET)
  return { addrs, inet, breadth4: inet.v4.size(), breadth6: inet.v6.size() }
}

function staleReason(ref: NonNullable<SecurityGroupRule['ReferencedGroupInfo']>, ownerId: string, lookup: GroupLookup): string | undefined {
  if (ref.PeeringStatus && ref.PeeringStatus !== 'active') return `peering ${ref.VpcPeeringConnectionId ?? ''} is ${ref.PeeringStatus}`.replace('  ', ' ')
  if (ref.VpcPeeringConnectionId) {
    const p = lookup.peerings.get(ref.VpcPeeringConnectionId)
    if (!p) return `peering ${ref.VpcPeeringConnectionId} no longer exists`
    if (p.status !== 'active') return `peering ${ref.VpcPeeringConnectionId} is ${p.status}`
  }
  const owner = ref.UserId ?? ownerId
  // Only a group of an account this snapshot covers can be known to be gone.
  if (lookup.accounts.has(owner) && !lookup.groups.has(ref.GroupId!)) return `referenced group ${ref.GroupId} does not exist`
  return undefined
}
