import { cidrRange, intToIpv4 } from './cidrRange.ts'

/** Like Terraform's cidrsubnet: the `index`-th block of length `prefix` inside `cidr`. */
export function cidrSubnet(cidr: string, prefix: number, index: number): string {
  const { first, size } = cidrRange(cidr)
  const blockSize = 2 ** (32 - prefix)
  if ((index + 1) * blockSize > size) throw new Error(`cidrSubnet: block ${index} of /${prefix} is outside ${cidr}`)
  return `${intToIpv4(first + index * blockSize)}/${prefix}`
}
