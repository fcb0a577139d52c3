import type { RegionInventory, Subnet } from '../../shared/index.ts'
import { cidrRange, intToIpv4, ipv4ToInt } from './cidrRange.ts'
import type { IdFactory } from './idFactory.ts'

export interface AddressAllocator {
  /** A free private IPv4 in the subnet, placed by a hash of `key` (AWS DHCP looks random too). */
  privateIpv4(subnet: Subnet, key: string): string
  /** A free public IPv4 from Amazon's us-east-1 pools. */
  publicIpv4(key: string): string
  /** An IPv6 address in the subnet's /64, or undefined when the subnet has none. */
  ipv6(subnet: Subnet, key: string): string | undefined
}

/** Blocks Amazon announces for EC2 in us-east-1, so public IPs look like what users see in real accounts. */
const PUBLIC_POOLS = ['3.208.0.0/12', '34.192.0.0/12', '44.192.0.0/11', '54.144.0.0/12', '18.204.0.0/14', '100.24.0.0/13', '52.0.0.0/15']

/**
 * Hands out addresses without collisions. `existing` is indexed first, so a story step that adds
 * resources to an earlier version never reuses an address that version already holds.
 */
export function addressAllocator(ids: IdFactory, existing: RegionInventory): AddressAllocator {
  const usedPrivate = new Map<string, Set<number>>()
  const usedPublic = new Set<string>()
  const usedIpv6 = new Set<string>()
  const used = (subnetId: string) => {
    let set = usedPrivate.get(subnetId)
    if (!set) usedPrivate.set(subnetId, (set = new Set()))
    return set
  }
  for (const eni of existing.ec2.NetworkInterfaces) {
    for (const p of eni.PrivateIpAddresses ?? []) {
      if (p.PrivateIpAddress && eni.SubnetId) used(eni.SubnetId).add(ipv4ToInt(p.PrivateIpAddress))
      if (p.Association?.PublicIp) usedPublic.add(p.Association.PublicIp)
    }
    for (const a of eni.Ipv6Addresses ?? []) if (a.Ipv6Address) usedIpv6.add(a.Ipv6Address)
  }
  for (const a of existing.ec2.Addresses) if (a.PublicIp) usedPublic.add(a.PublicIp)

  return {
    privateIpv4(subnet, key) {
      const { first, size } = cidrRange(subnet.CidrBlock ?? '')
      // AWS reserves the first four addresses and the last one of every subnet.
      const usable = size - 5
      const taken = used(subnet.SubnetId)
      if (taken.size >= usable) throw new Error(`demo: subnet ${subnet.SubnetId} is full`)
      let offset = ids.int(`ip:${subnet.SubnetId}:${key}`, usable)
      while (taken.has(first + 4 + offset)) offset = (offset + 1) % usable
      taken.add(first + 4 + offset)
      return intToIpv4(first + 4 + offset)
    },
    publicIpv4(key) {
      const { first, size } = cidrRange(ids.pick(`pool:${key}`, PUBLIC_POOLS))
      let n = first + ids.int(`public:${key}`, size)
      const isOk = (ip: number) => (ip & 255) !== 0 && (ip & 255) !== 255 && !usedPublic.has(intToIpv4(ip))
      while (!isOk(n)) n = first + ((n - first + 1) % size)
      const ip = intToIpv4(n)
      usedPublic.add(ip)
      return ip
    },
    ipv6(subnet, key) {
      const cidr = subnet.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock
      if (!cidr) return undefined
      const prefix = cidr.split('::')[0]
      for (let attempt = 0; ; attempt++) {
        const h = ids.hex(`ipv6:${subnet.SubnetId}:${key}:${attempt}`, 16)
        // Non-zero groups without leading zeros: the canonical (RFC 5952) text form, never "::"-shortened.
        const groups = [0, 4, 8, 12].map((i) => (parseInt(h.slice(i, i + 4), 16) || 1).toString(16))
        const ip = `${prefix}:${groups.join(':')}`
        if (!usedIpv6.has(ip)) {
          usedIpv6.add(ip)
          return ip
        }
      }
    },
  }
}
