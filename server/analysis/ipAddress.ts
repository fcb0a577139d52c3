/** IPv4 and IPv6 text ⇄ integers, and CIDR blocks as [lo, hi]. Lenient about host bits (AWS is too). */

export function parseIpv4(s: string): number | undefined {
  const parts = s.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined
    const v = Number(p)
    if (v > 255) return undefined
    n = n * 256 + v
  }
  return n
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`
}

export function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined
  let text = s
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.', lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1))
    if (v4 === undefined) return undefined
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  let n = 0n
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined
    n = (n << 16n) | BigInt(parseInt(g, 16))
  }
  return n
}

/** RFC 5952 text: lower case, the longest run of zero groups (≥ 2) shortened to `::`. */
export function formatIpv6(n: bigint): string {
  const groups: number[] = []
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn))
  let bestStart = -1, bestLen = 0
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestStart < 0) return hex.join(':')
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`
}

export type Cidr =
  | { family: 4; lo: number; hi: number; prefix: number }
  | { family: 6; lo: bigint; hi: bigint; prefix: number }

/** `a.b.c.d/n`, `x::/n`, or a bare address (a host route). */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, extra] = text.trim().split('/')
  if (extra !== undefined || !addr) return undefined
  if (addr.includes(':')) {
    const v = parseIpv6(addr)
    const prefix = len === undefined ? 128 : Number(len)
    if (v === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 128) return undefined
    const size = 1n << BigInt(128 - prefix)
    const lo = v - (v % size)
    return { family: 6, lo, hi: lo + size - 1n, prefix }
  }
  const v = parseIpv4(addr)
  const prefix = len === undefined ? 32 : Number(len)
  if (v === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined
  const size = 2 ** (32 - prefix)
  const lo = v - (v % size)
  return { family: 4, lo, hi: lo + size - 1, prefix }
}

export function parseIp(text: string): { family: 4; value: number } | { family: 6; value: bigint } | undefined {
  if (text.includes(':')) {
    const v = parseIpv6(text)
    return v === undefined ? undefined : { family: 6, value: v }
  }
  const v = parseIpv4(text)
  return v === undefined ? undefined : { family: 4, value: v }
}
