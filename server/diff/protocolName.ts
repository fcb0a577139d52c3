/**
 * One name per IP protocol, whatever the source wrote (§1.2: SG rules say `tcp` or `6`, NACL entries
 * always numbers): `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or the number as a string.
 */
export function protocolName(p: string | undefined): string {
  switch ((p ?? '-1').toLowerCase()) {
    case '-1': case 'all': return 'all'
    case 'tcp': case '6': return 'tcp'
    case 'udp': case '17': return 'udp'
    case 'icmp': case '1': return 'icmp'
    case 'icmpv6': case '58': return 'icmpv6'
    default: return p!
  }
}

/** Whether the protocol has ports (other protocols match every port, §1.2). */
export function hasPorts(protocol: string): boolean {
  return protocol === 'tcp' || protocol === 'udp'
}

/** `22`, `1024-65535`, `all`, or for ICMP `type 8` / `type 3 code 4` / `all`. */
export function portText(protocol: string, from: number | undefined, to: number | undefined): string {
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    if (from === undefined || from === -1) return 'all'
    return to === undefined || to === -1 ? `type ${from}` : `type ${from} code ${to}`
  }
  if (!hasPorts(protocol)) return 'all'
  const lo = from === undefined || from === -1 ? 0 : from
  const hi = to === undefined || to === -1 ? 65535 : to
  if (lo === 0 && hi === 65535) return 'all'
  return lo === hi ? String(lo) : `${lo}-${hi}`
}
