/**
 * IPv4 and IPv6 addresses as text ⇄ integers (IPv4 as a number, IPv6 as a bigint). Strict: what AWS
 * would refuse is refused here, with the reason, so that import checks and the analysis read the
 * same text the same way. `readIpv4`/`readIpv6` say why; `parseIpv4`/`parseIpv6` return undefined.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string }

const fail = (reason: string) => ({ ok: false as const, reason })

export function readIpv4(s: string): Read<number> {
  const parts = s.split('.')
  if (parts.length !== 4) return fail(`${JSON.stringify(s)} is not an IPv4 address (4 numbers joined by dots)`)
  let n = 0
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return fail(`${JSON.stringify(s)} is not an IPv4 address (part ${JSON.stringify(p)})`)
    // `010` is 8 to inet_aton (octal) and 10 to others: refuse rather than guess (AWS refuses it too).
    if (p.length > 1 && p[0] === '0') return fail(`${JSON.stringify(s)} has a leading zero in ${p} (octal or decimal?)`)
    const v = Number(p)
    if (v > 255) return fail(`${JSON.stringify(s)} is not an IPv4 address (${p} is above 255)`)
    n = n * 256 + v
  }
  return { ok: true, value: n }
}

export function readIpv6(s: string): Read<bigint> {
  const bad = (why: string) => fail(`${JSON.stringify(s)} is not an IPv6 address (${why})`)
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return bad(s.includes('%') ? 'zone ids are not addresses AWS uses' : 'unexpected character')
  let text = s
  let tailGroups: number[] = []
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = text.lastIndexOf(':')
  if (text.includes('.')) {
    if (text.indexOf('.') < lastColon) return bad('an IPv4 part may only end the address')
    const v4 = readIpv4(text.slice(lastColon + 1))
    if (!v4.ok) return bad(v4.reason)
    tailGroups = [Math.floor(v4.value / 65536), v4.value % 65536]
    text = text.slice(0, lastColon + 1)
    // `::1.2.3.4` leaves `::`; `1:2:3:4:5:6:1.2.3.4` leaves a trailing `:` to drop.
    if (!text.endsWith('::')) text = text.slice(0, -1)
  }
  const halves = text.split('::')
  if (halves.length > 2) return bad('`::` may appear once')
  const groupsOf = (h: string) => (h === '' ? [] : h.split(':'))
  const head = groupsOf(halves[0]!)
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : []
  const count = head.length + tail.length + tailGroups.length
  // `::` stands for at least one group of zeros (RFC 4291 §2.2): `1:2:3:4:5:6:7::8` has nine.
  if (halves.length === 2 ? count > 7 : count !== 8) return bad(`${halves.length === 2 ? count + 1 : count} groups instead of 8`)
  let n = 0n
  const push = (g: number) => { n = (n << 16n) | BigInt(g) }
  for (const g of head) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return bad(`group ${JSON.stringify(g)}`)
    push(parseInt(g, 16))
  }
  if (halves.length === 2) for (let i = 0; i < 8 - count; i++) push(0)
  for (const g of tail) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return bad(`group ${JSON.stringify(g)}`)
    push(parseInt(g, 16))
  }
  for (const g of tailGroups) push(g)
  return { ok: true, value: n }
}

export function parseIpv4(s: string): number | undefined {
  const r = readIpv4(s)
  return r.ok ? r.value : undefined
}

export function parseIpv6(s: string): bigint | undefined {
  const r = readIpv6(s)
  return r.ok ? r.value : undefined
}

export type IpAddress = { family: 4; value: number } | { family: 6; value: bigint }

/** Either family; the family is told by a colon. */
export function readIp(text: string): Read<IpAddress> {
  if (text.includes(':')) {
    const r = readIpv6(text)
    return r.ok ? { ok: true, value: { family: 6, value: r.value } } : r
  }
  const r = readIpv4(text)
  return r.ok ? { ok: true, value: { family: 4, value: r.value } } : r
}

export function parseIp(text: string): IpAddress | undefined {
  const r = readIp(text)
  return r.ok ? r.value : undefined
}

export function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`
}

/** RFC 5952 text: lower case, the longest run of zero groups (≥ 2, the first of equals) shortened to `::`. */
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
