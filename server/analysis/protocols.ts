/**
 * Protocols and ports as analysis matches them (aws-network-semantics.md §1.2, §2.1). A protocol is an
 * IP protocol number, or ALL (-1) for `'-1'` rules. Every rule gets a range over one 0..65535 "port"
 * space: TCP/UDP ports; for ICMP and ICMPv6 the pair (type, code) encoded as type·256 + code, so
 * "all codes of type 3" is one range; for other protocols the whole space (ports do not apply).
 */
import { ICMP, ICMPV6, protocolName as sharedProtocolName, TCP, UDP } from '../../shared/network/index.ts'

export { ALL, ICMP, ICMPV6, protocolNumber, TCP, UDP } from '../../shared/network/index.ts'
/** The bucket for "any protocol no rule names explicitly" (only `'-1'` rules match it). */
export const OTHER = -2

export const hasPorts = (p: number) => p === TCP || p === UDP
export const isIcmp = (p: number) => p === ICMP || p === ICMPV6

/** The name exposures and findings use: the shared names (tcp, udp, icmp, icmpv6, all, the number), and `other`. */
export function protocolName(p: number): string {
  return p === OTHER ? 'other' : sharedProtocolName(p)
}

/** ICMP type/code (-1 = all) as a range of the encoded space. All types means all codes too. */
export function icmpRange(type: number | undefined, code: number | undefined): [number, number] {
  if (type === undefined || type < 0) return [0, 65535]
  const t = Math.min(type, 255)
  if (code === undefined || code < 0) return [t * 256, t * 256 + 255]
  return [t * 256 + Math.min(code, 255), t * 256 + Math.min(code, 255)]
}

/** A security group rule's range: FromPort/ToPort per §1.2 (ICMP: type/code; other protocols: all). */
export function sgPortRange(proto: number, from: number | undefined, to: number | undefined): [number, number] {
  if (hasPorts(proto)) {
    if (from === undefined || from < 0 || to === undefined || to < 0) return [0, 65535]
    return [Math.max(0, from), Math.min(65535, to)]
  }
  if (isIcmp(proto)) return icmpRange(from, to)
  return [0, 65535]
}

/** Echo reply, the packet that carries a ping's answer back: ICMP type 0, ICMPv6 type 129 (code 0). */
export const ECHO_REPLY: Record<number, number> = { [ICMP]: 0, [ICMPV6]: 129 * 256 }

/** The encoded ICMP range as (type range, code range) blocks, for output. */
export function icmpBlocks(lo: number, hi: number): Array<{ types: [number, number]; codes: [number, number] }> {
  const out: Array<{ types: [number, number]; codes: [number, number] }> = []
  let cur = lo
  while (cur <= hi) {
    const t = Math.floor(cur / 256)
    const c = cur % 256
    const typeEnd = t * 256 + 255
    if (c === 0 && typeEnd <= hi) {
      // Whole types: run as far as whole types go.
      let lastType = t
      while ((lastType + 1) * 256 + 255 <= hi) lastType++
      out.push({ types: [t, lastType], codes: [0, 255] })
      cur = lastType * 256 + 256
    } else {
      const end = Math.min(hi, typeEnd)
      out.push({ types: [t, t], codes: [c, end % 256] })
      cur = end + 1
    }
  }
  return out
}
