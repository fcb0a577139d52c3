import { describe, expect, it } from 'vitest'
import {
  breadthOfCidrs, exposureSeverity, internetAddressCount, INTERNET_V4_SIZE, isWorldCidr, portsOfClass, protocolName,
  protocolNumber, portText, catalogPort,
} from '../../../shared/network/index.ts'

describe('the internet', () => {
  it('is global unicast space', () => {
    expect(INTERNET_V4_SIZE).toBe(3_702_258_688n)
    expect(internetAddressCount(['10.0.0.0/8', '192.168.0.0/16'])).toEqual({ v4: 0n, v6: 0n })
    expect(internetAddressCount(['0.0.0.0/1', '128.0.0.0/1'])).toEqual({ v4: INTERNET_V4_SIZE, v6: 0n })
    // Overlaps count once.
    expect(internetAddressCount(['81.2.0.0/16', '81.2.69.0/24', '81.2.0.0/16'])).toEqual({ v4: 65536n, v6: 0n })
  })

  it('world is written /0 in any spelling', () => {
    expect(isWorldCidr('0.0.0.0/0')).toBe(true)
    expect(isWorldCidr('::/0')).toBe(true)
    expect(isWorldCidr('0::0/0')).toBe(true)
    expect(isWorldCidr('0.0.0.0/1')).toBe(false)
    expect(isWorldCidr('0.0.0.0')).toBe(false)
    expect(isWorldCidr('pl-0123')).toBe(false)
  })

  it('breadth is judged on the merged sources', () => {
    expect(breadthOfCidrs(['0.0.0.0/1'])).toBe('broad')
    expect(breadthOfCidrs(['0.0.0.0/1', '128.0.0.0/1'])).toBe('world')
    expect(breadthOfCidrs(['::/1', '8000::/1'])).toBe('world')
    expect(breadthOfCidrs(['2000::/3'])).toBe('world')
    expect(breadthOfCidrs(['81.2.0.0/16'])).toBe('narrow')
    expect(breadthOfCidrs(['81.2.0.0/15'])).toBe('broad')
    expect(breadthOfCidrs(['81.2.69.142/32'])).toBe('host')
    expect(breadthOfCidrs(['10.0.0.0/8'])).toBe('none')
    expect(breadthOfCidrs(['pl-0123'])).toBe('none')
  })
})

describe('protocols and ports', () => {
  it('names a protocol the same whatever AWS wrote', () => {
    expect(['6', 'tcp', 'TCP', 6].map(protocolName)).toEqual(['tcp', 'tcp', 'tcp', 'tcp'])
    expect(['17', '1', '58', '-1', 'all', undefined, '50', 50].map(protocolName)).toEqual(['udp', 'icmp', 'icmpv6', 'all', 'all', 'all', '50', '50'])
    expect(protocolNumber('256')).toBeUndefined()
    expect(protocolNumber('06')).toBeUndefined()
    expect(protocolNumber('icmpv6')).toBe(58)
  })

  it('reads ports as AWS writes them', () => {
    expect(portText('tcp', 22, 22)).toBe('22')
    expect(portText('tcp', 1024, 65535)).toBe('1024-65535')
    expect(portText('tcp', -1, -1)).toBe('all')
    expect(portText('udp', undefined, undefined)).toBe('all')
    expect(portText('icmp', 3, 4)).toBe('type 3 code 4')
    expect(portText('icmp', 8, -1)).toBe('type 8')
    expect(portText('icmpv6', -1, -1)).toBe('all')
    expect(portText('50', 0, 0)).toBe('all')
  })
})

describe('one severity catalogue', () => {
  // Each line is an opening the diff's and the analysis's catalogues graded differently.
  it.each([
    ['tcp', 445, 445, 'critical'], ['tcp', 9092, 9092, 'critical'], ['tcp', 443, 443, 'low'], ['tcp', 80, 80, 'low'],
    ['tcp', 111, 111, 'high'], ['udp', 111, 111, 'high'], ['tcp', 2049, 2049, 'high'], ['tcp', 8443, 8443, 'medium'],
    ['tcp', 40000, 45000, 'high'], ['tcp', 1024, 65535, 'critical'], ['tcp', 80, 443, 'high'], ['all', 0, 65535, 'critical'],
    ['other', 0, 65535, 'high'], ['50', 0, 65535, 'high'], ['icmp', 8, 8, 'low'], ['tcp', 2375, 2375, 'critical'],
    ['tcp', 2376, 2376, 'high'], ['tcp', 10250, 10250, 'critical'], ['tcp', 6443, 6443, 'high'], ['tcp', 22, 22, 'critical'],
  ] as const)('%s %i-%i from the world is %s', (protocol, lo, hi, severity) => {
    expect(exposureSeverity(protocol, lo, hi, 'world')).toBe(severity)
    expect(exposureSeverity(protocol, lo, hi, 'broad')).toBe(severity)
  })

  it('narrow sources are low, private ones info', () => {
    expect(exposureSeverity('tcp', 22, 22, 'narrow')).toBe('low')
    expect(exposureSeverity('tcp', 22, 22, 'host')).toBe('low')
    expect(exposureSeverity('tcp', 22, 22, 'none')).toBe('info')
  })

  it('gives every port one class', () => {
    expect(portsOfClass('admin')).toEqual([22, 23, 3389, 5900, 5985, 5986])
    expect(catalogPort(445)).toEqual({ port: 445, service: 'SMB', class: 'high-risk', severity: 'critical' })
    expect(catalogPort(9092)?.class).toBe('database')
    expect(catalogPort(12345)).toBeUndefined()
  })
})
