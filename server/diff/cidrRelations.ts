/**
 * Just enough CIDR arithmetic for the diff: is one range inside another, is a range the whole
 * internet, is it private. Sources that are not CIDRs (prefix-list ids) only equal themselves.
 */
interface Cidr { v6: boolean; base: bigint; bits: number }

export function parseCidr(text: string): Cidr | undefined {
  const [addr, len] = text.split('/')
  if (addr === undefined) return undefined
  const v6 = addr.includes(':')
  const width = v6 ? 128 : 32
  const bits = len === undefined ? width : Number(len)
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return undefined
  const value = v6 ? parseV6(addr) : parseV4(addr)
  if (value === undefined) return undefined
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(width - bits)
  return { v6, base: value & mask, bits }
}

function parseV4(a: string): bigint | undefined {
  const parts = a.split('.')
  if (parts.length !== 4) return undefined
  let v = 0n
  for (const p of parts) {
    const n = Number(p)
    if (!/^\d{1,3}$/.test(p) || n > 255) return undefined
    v = (v << 8n) | BigInt(n)
  }
  return v
}

function parseV6(a: string): bigint | undefined {
  const halves = a.split('::')
  if (halves.length > 2) return undefined
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const missing = 8 - head.length - tail.length
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined
  const groups = [...head, ...Array(missing).fill('0'), ...tail]
  let v = 0n
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined
    v = (v << 16n) | BigInt(parseInt(g, 16))
  }
  return v
}

/** Whether every address of `inner` is in `outer`. Non-CIDR sources cover only themselves. */
export function cidrCovers(outer: string, inner: string): boolean {
  if (outer === inner) return true
  const o = parseCidr(outer)
  const i = parseCidr(inner)
  if (!o || !i || o.v6 !== i.v6 || o.bits > i.bits) return false
  const width = o.v6 ? 128 : 32
  const shift = BigInt(width - o.bits)
  return (i.base >> shift) === (o.base >> shift)
}

export function isWorldCidr(source: string): boolean {
  if (!source.endsWith('/0')) return false
  const c = parseCidr(source)
  return !!c && c.bits === 0
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10']

/** RFC 1918 / 6598 / unique-local ranges: the internet gateway never delivers packets from them. */
export function isPrivateCidr(source: string): boolean {
  return PRIVATE.some((p) => cidrCovers(p, source))
}

/** The prefix length, or undefined for a source that is not a CIDR. */
export function prefixLength(source: string): number | undefined {
  return parseCidr(source)?.bits
}

/**
 * The share of the IPv4 and of the IPv6 address space a set of sources covers (overlaps counted
 * twice, non-CIDRs ignored): exposure analysis reports "the internet" as the public ranges, many
 * CIDRs with no /0 among them, and the diff must still see it as the whole internet.
 */
export function addressShare(sources: readonly string[]): { v4: number; v6: number } {
  let v4 = 0
  let v6 = 0
  for (const s of sources) {
    const c = parseCidr(s)
    if (!c) continue
    if (c.v6) v6 += 2 ** -c.bits
    else v4 += 2 ** -c.bits
  }
  return { v4: Math.min(v4, 1), v6: Math.min(v6, 1) }
}

/** At least half of the IPv4 or IPv6 space: the internet, for grading. */
export function isWorldWide(sources: readonly string[]): boolean {
  const share = addressShare(sources)
  return share.v4 >= 0.5 || share.v6 >= 0.5
}
