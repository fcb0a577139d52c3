import { AddressSet } from './AddressSet.ts'

/** Address blocks an internet gateway never delivers from: private, shared, loopback, documentation, multicast… */
export const NON_INTERNET_IPV4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
]

/**
 * The internet as a source: global unicast space only (aws-network-semantics.md §10). An IGW drops
 * inbound packets from RFC 1918 / RFC 6598 sources, and the other blocks are not routed on the internet.
 */
export const INTERNET: AddressSet = AddressSet.fromCidrs(['0.0.0.0/0', '2000::/3'])
  .subtract(AddressSet.fromCidrs([...NON_INTERNET_IPV4, '2001:db8::/32']))

export const INTERNET_V4_SIZE = INTERNET.v4.size()
export const INTERNET_V6_SIZE = INTERNET.v6.size()
