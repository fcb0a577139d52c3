/** IPv4 arithmetic on unsigned 32-bit integers; CIDRs here are always well-formed, generator-made. */
export function ipv4ToInt(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number)
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d
}

export function intToIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** The first address and the number of addresses of a CIDR block. */
export function cidrRange(cidr: string): { first: number; size: number; prefix: number } {
  const [ip, bits] = cidr.split('/')
  const prefix = Number(bits)
  const size = 2 ** (32 - prefix)
  const first = Math.floor(ipv4ToInt(ip) / size) * size
  return { first, size, prefix }
}
