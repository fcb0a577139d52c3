import type { NetworkAclEntry } from '../../shared/index.ts'

const PROTOCOL_NUMBERS = { all: '-1', tcp: '6', udp: '17', icmp: '1' } as const

/** A NACL entry in the API's form: the protocol as a number string, IPv6 CIDRs in their own field. */
export function aclEntry(ruleNumber: number, direction: 'in' | 'out', action: 'allow' | 'deny',
  protocol: keyof typeof PROTOCOL_NUMBERS, cidr: string, ports?: [number, number]): NetworkAclEntry {
  return {
    ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
    Egress: direction === 'out',
    Protocol: PROTOCOL_NUMBERS[protocol],
    ...(ports && { PortRange: { From: ports[0], To: ports[1] } }),
    RuleAction: action,
    RuleNumber: ruleNumber,
  }
}
