import { isIP } from 'node:net'

/**
 * True when `host` only accepts connections from this machine: `localhost`, 127.0.0.0/8 or ::1
 * (also as an IPv4-mapped address). `0.0.0.0`, `::` and every other address listen on the network.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost') return true
  if (isIP(h) === 4) return h.startsWith('127.')
  if (isIP(h) === 6) {
    if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
    return mapped !== null && mapped[1].startsWith('127.')
  }
  return false
}
