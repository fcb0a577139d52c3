/**
 * The `index`-th /64 of an Amazon-provided /56 written `xxxx:xxxx:xxxx:xx00::/56` (the only form the
 * generator makes), so the /64s are that fourth group plus index, as AWS numbers them in the console.
 */
export function ipv6Subnet(vpcIpv6Cidr: string, index: number): string {
  const groups = vpcIpv6Cidr.split('::')[0].split(':')
  const fourth = (parseInt(groups[3], 16) + index).toString(16)
  return `${groups.slice(0, 3).join(':')}:${fourth}::/64`
}
