import { formatIpv4, formatIpv6 } from './ipAddress.ts'
import type { Range } from './internet.ts'

/** An inclusive range of addresses as the fewest CIDR blocks, in address order. */
export function rangeCidrs(family: 4 | 6, [lo, hi]: Range): string[] {
  const width = family === 4 ? 32 : 128
  const out: string[] = []
  let cur = lo
  while (cur <= hi) {
    // The largest block that starts at `cur` (alignment) and fits before `hi`.
    let bits = 0
    while (bits < width && (cur & ((1n << BigInt(bits + 1)) - 1n)) === 0n && cur + (1n << BigInt(bits + 1)) - 1n <= hi) bits++
    out.push(`${family === 4 ? formatIpv4(Number(cur)) : formatIpv6(cur)}/${width - bits}`)
    cur += 1n << BigInt(bits)
  }
  return out
}
