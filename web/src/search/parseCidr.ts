/**
 * IPv4 and IPv6 addresses and CIDR blocks as [first, last] ranges of BigInts, so that "lies inside"
 * is two comparisons whatever the family. Pure; returns null for anything that is not an address.
 */
export interface AddressRange { v6: boolean; first: bigint; last: bigint }

export function parseCidr(text: string): AddressRange | null {
  const [addr, len, extra] = text.trim().split('/')
  if (extra !== undefined || addr === undefined || addr === '') return null
  const v6 = addr.includes(':')
  const value = v6 ? parseV6(addr) : parseV4(addr)
  if (value === null) return null
  const bits = v6 ? 128 : 32
  let prefix = bits
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len) || Number(len) > bits) return null
    prefix = Number(len)
  }
  const hostBits = BigInt(bits - prefix)
  const first = (value >> hostBits) << hostBits
  return { v6, first, last: first + (1n << hostBits) - 1n }
}

/** `inner` lies entirely inside `outer` (same family). */
export function rangeInside(inner: AddressRange, outer: AddressRange): boolean {
  return inner.v6 === outer.v6 && inner.first >= outer.first && inner.last <= outer.last
}

function parseV4(s: string): bigint | null {
  const parts = s.split('.')
  if (parts.length !== 4) return null
  let v = 0n
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null
    v = (v << 8n) + BigInt(Number(p))
  }
  return v
}

function parseV6(s: string): bigint | null {
  const halves = s.split('::')
  if (halves.length > 2) return null
  const groups = (h: string) => (h === '' ? [] : h.split(':'))
  const head = groups(halves[0]), tail = halves.length === 2 ? groups(halves[1]) : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null
  let v = 0n
  for (const g of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null
    v = (v << 16n) + BigInt(parseInt(g, 16))
  }
  return v
}
