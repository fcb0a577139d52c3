import { ICMP, ICMPV6, protocolNumber, readCidr, readIp, TCP, UDP } from '../../shared/network/index.ts'

/**
 * Values that have the right type but cannot be real (the shape checks see a number or a string; these
 * see what it means): ports outside 0–65535 or reversed ranges, ICMP types and codes outside -1–255,
 * CIDRs and addresses that do not parse (`0.0.0.0/33`, `456.456.456.456`, `1:2:3:4:5:6:7::8`), unknown
 * protocols. Fields are recognised by the member names the EC2 and ELBv2 outputs use, wherever they
 * sit; CIDRs and addresses are read by the one strict parser of shared/network.
 * Returns at most `limit` problems as `Vpcs[1].CidrBlock: <why>`. Iterative: input-sized lists and
 * nesting cost no stack.
 */
export function valueProblems(list: readonly unknown[], listKey: string, limit = 10): string[] {
  const problems: string[] = []
  const stack: Node[] = []
  for (let i = list.length - 1; i >= 0; i--) stack.push({ value: list[i], key: i, up: { value: list, key: listKey, up: undefined } })
  while (stack.length > 0 && problems.length < limit) {
    const node = stack.pop()!
    const v = node.value
    if (v === null || typeof v !== 'object') continue
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, up: node })
      continue
    }
    const o = v as Record<string, unknown>
    const say = (key: string | undefined, why: string) => problems.push(`${pathOf(node)}${key ? `.${key}` : ''}: ${why}`)
    if ('IpProtocol' in o) checkRulePorts(o, say)
    if ('RuleNumber' in o && 'Protocol' in o) checkNaclEntry(o, say)
    for (const key of Object.keys(o)) {
      const check = FIELD_CHECKS[key]
      const why = check?.(o[key])
      if (why) say(key, why)
      else if (o[key] !== null && typeof o[key] === 'object') stack.push({ value: o[key], key, up: node })
    }
  }
  return problems.slice(0, limit)
}

interface Node { value: unknown; key: string | number; up: Node | undefined }

function pathOf(node: Node): string {
  const keys: (string | number)[] = []
  for (let n: Node | undefined = node; n; n = n.up) keys.push(n.key)
  return keys.reverse().reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), '')
}

type Say = (key: string | undefined, why: string) => void

const PROTOCOLS = 'tcp, udp, icmp, icmpv6, -1 or 0–255'
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const port = (v: unknown, min = 0): v is number => isInt(v) && v >= min && v <= 65535

/**
 * A security-group permission or rule (AWS semantics, aws-network-semantics.md §1.2): tcp/udp ports
 * are 0–65535 with FromPort ≤ ToPort; for ICMP, FromPort is the type and ToPort the code, each 0–255
 * or -1 for all; for every other protocol (-1 = all traffic) the ports are -1 or unused.
 */
function checkRulePorts(o: Record<string, unknown>, say: Say): void {
  if (typeof o.IpProtocol !== 'string') return
  const p = protocolNumber(o.IpProtocol)
  if (p === undefined) { say('IpProtocol', `${JSON.stringify(o.IpProtocol)} is not an IP protocol (${PROTOCOLS})`); return }
  const { FromPort: from, ToPort: to } = o
  if (p === TCP || p === UDP) {
    if (from !== undefined && !port(from)) say('FromPort', `${from} is not a port (0–65535)`)
    if (to !== undefined && !port(to)) say('ToPort', `${to} is not a port (0–65535)`)
    if (port(from) && port(to) && from > to) say(undefined, `FromPort ${from} is above ToPort ${to} (a reversed range)`)
  } else if (p === ICMP || p === ICMPV6) {
    if (from !== undefined && !icmp(from)) say('FromPort', `${from} is not an ICMP type (0–255, or -1 for every type)`)
    if (to !== undefined && !icmp(to)) say('ToPort', `${to} is not an ICMP code (0–255, or -1 for every code)`)
  } else {
    const why = (v: unknown) => `${v} is not a port (0–65535, or -1 when the protocol has none)`
    if (from !== undefined && !port(from, -1)) say('FromPort', why(from))
    if (to !== undefined && !port(to, -1)) say('ToPort', why(to))
  }
}

const icmp = (v: unknown) => isInt(v) && v >= -1 && v <= 255

/**
 * A network ACL entry: rule number 1–32768 (user rules go up to 32766; AWS lists the built-in `*` deny
 * as 32767 for IPv4 and 32768 for IPv6), a protocol number, tcp/udp PortRange 0–65535 in order, ICMP type/code -1–255.
 */
function checkNaclEntry(o: Record<string, unknown>, say: Say): void {
  if (!isInt(o.RuleNumber) || o.RuleNumber < 1 || o.RuleNumber > 32768) say('RuleNumber', `${o.RuleNumber} is not a network ACL rule number (1–32768)`)
  if (typeof o.Protocol !== 'string') return
  const p = protocolNumber(o.Protocol)
  if (p === undefined) { say('Protocol', `${JSON.stringify(o.Protocol)} is not an IP protocol (${PROTOCOLS})`); return }
  const range = o.PortRange as { From?: unknown; To?: unknown } | undefined
  if ((p === TCP || p === UDP) && range && typeof range === 'object') {
    if (range.From !== undefined && !port(range.From)) say('PortRange.From', `${range.From} is not a port (0–65535)`)
    if (range.To !== undefined && !port(range.To)) say('PortRange.To', `${range.To} is not a port (0–65535)`)
    if (port(range.From) && port(range.To) && range.From > range.To) say('PortRange', `From ${range.From} is above To ${range.To} (a reversed range)`)
  }
  const tc = o.IcmpTypeCode as { Type?: unknown; Code?: unknown } | undefined
  if ((p === ICMP || p === ICMPV6) && tc && typeof tc === 'object') {
    if (tc.Type !== undefined && !icmp(tc.Type)) say('IcmpTypeCode.Type', `${tc.Type} is not an ICMP type (0–255, or -1 for every type)`)
    if (tc.Code !== undefined && !icmp(tc.Code)) say('IcmpTypeCode.Code', `${tc.Code} is not an ICMP code (0–255, or -1 for every code)`)
  }
}

type Check = (v: unknown) => string | undefined

const cidr = (family?: 4 | 6): Check => (v) => {
  if (typeof v !== 'string') return undefined
  const r = readCidr(v, { requirePrefix: true })
  if (!r.ok) return r.reason
  return family && r.value.family !== family ? `${JSON.stringify(v)} is not an IPv${family} CIDR` : undefined
}

const address = (family: 4 | 6): Check => (v) => {
  if (typeof v !== 'string') return undefined
  const r = readIp(v)
  if (!r.ok) return r.reason
  return r.value.family !== family ? `${JSON.stringify(v)} is not an IPv${family} address` : undefined
}

/** ELBv2 listener, target group and target ports: 1–65535. */
const lbPort: Check = (v) => (typeof v === 'number' && !port(v, 1) ? `${v} is not a port (1–65535)` : undefined)

/** Member names of the EC2 and ELBv2 outputs and what their values must be. */
const FIELD_CHECKS: Record<string, Check> = {
  CidrIp: cidr(4), CidrIpv4: cidr(4), CidrBlock: cidr(4), DestinationCidrBlock: cidr(4),
  CidrIpv6: cidr(6), Ipv6CidrBlock: cidr(6), DestinationIpv6CidrBlock: cidr(6),
  Cidr: cidr(),
  PublicIp: address(4), PrivateIp: address(4), PrivateIpAddress: address(4), PublicIpAddress: address(4),
  CarrierIp: address(4), CustomerOwnedIp: address(4), Ipv6Address: address(6),
  Port: lbPort,
}
