/**
 * Value checks at import: a port, ICMP type, CIDR, address or protocol that has the right JSON type but
 * cannot be real is a problem naming file and field, like a shape problem; exit code 2 and nothing
 * stored. AWS's own conventions (-1 for all traffic, ICMP type/code -1) pass.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { readImportDirectory } from '../../server/import/readImportDirectory.ts'
import { main } from '../../server/main.ts'
import { openSqliteStore } from '../../server/store/sqliteStore.ts'
import { ACCOUNT, COLLECTED, useImportDirectory, WHERE } from '../support/importDirectory.ts'

const imp = useImportDirectory('values')
const problemsOf = () => imp.problems()
const write = (file: string, value: unknown) => writeFileSync(join(imp.base, file), JSON.stringify(value, null, 4))
const group = (id: string, perms: unknown[]) => ({ GroupId: id, GroupName: id, VpcId: 'vpc-1', OwnerId: ACCOUNT, IpPermissions: perms, IpPermissionsEgress: [] })
const tcp = (from: number, to: number, cidr = '10.0.0.0/8') => ({ IpProtocol: 'tcp', FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }] })

describe('import: value checks', () => {
  it('accepts what AWS really returns: -1 for all traffic, ICMP type and code -1, every tcp port', () => {
    write('describe-security-groups.json', { SecurityGroups: [group('sg-a', [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: '-1', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
      { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { IpProtocol: '58', FromPort: 128, ToPort: 0, Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] },
      { IpProtocol: '50', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '192.0.2.1/32' }] },
      tcp(0, 65535), tcp(22, 22, '10.0.0.5/24'),
    ])] })
    expect(readImportDirectory(imp.dir, COLLECTED).regions[0]!.ec2.SecurityGroups).toHaveLength(1)
  })

  it('ports, reversed ranges, ICMP types and protocols in security groups and rules', () => {
    write('describe-security-groups.json', { SecurityGroups: [
      group('sg-0', [tcp(22, 22)]), group('sg-1', []), group('sg-2', [tcp(443, 443)]),
      group('sg-3', [tcp(8000, 70000), tcp(443, 80), { IpProtocol: 'icmp', FromPort: 300, ToPort: 0 }, { IpProtocol: 'udp', FromPort: -1, ToPort: 53 }, { IpProtocol: 'tcpx' }, tcp(1.5, 2)]),
    ] })
    write('describe-security-group-rules.json', { SecurityGroupRules: [
      { SecurityGroupRuleId: 'sgr-1', GroupId: 'sg-0', IsEgress: false, IpProtocol: 'udp', FromPort: 65536, ToPort: 65536, CidrIpv4: '10.0.0.0/8' },
    ] })
    const f = `${WHERE}/describe-security-groups.json: SecurityGroups[3].IpPermissions`
    expect(problemsOf().sort()).toEqual([
      `${f}[0].ToPort: 70000 is not a port (0–65535)`,
      `${f}[1]: FromPort 443 is above ToPort 80 (a reversed range)`,
      `${f}[2].FromPort: 300 is not an ICMP type (0–255, or -1 for every type)`,
      `${f}[3].FromPort: -1 is not a port (0–65535)`,
      `${f}[4].IpProtocol: "tcpx" is not an IP protocol (tcp, udp, icmp, icmpv6, -1 or 0–255)`,
      `${f}[5].FromPort: 1.5 is not a port (0–65535)`,
      `${WHERE}/describe-security-group-rules.json: SecurityGroupRules[0].FromPort: 65536 is not a port (0–65535)`,
      `${WHERE}/describe-security-group-rules.json: SecurityGroupRules[0].ToPort: 65536 is not a port (0–65535)`,
    ].sort())
  })

  it('CIDRs and addresses through the strict parser: /33, 456.456.456.456, an IPv6 address with nine groups', () => {
    write('describe-security-groups.json', { SecurityGroups: [group('sg-a', [
      tcp(22, 22, '0.0.0.0/33'),
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '1:2:3:4:5:6:7::8/128' }] },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '10.0.0.0/8' }] },
    ])] })
    write('describe-addresses.json', { Addresses: [{ AllocationId: 'eipalloc-1', PublicIp: '456.456.456.456', Domain: 'vpc' }] })
    write('describe-vpcs.json', [{ Vpcs: [] }, { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0', OwnerId: ACCOUNT }] }])
    expect(problemsOf().sort()).toEqual([
      `${WHERE}/describe-addresses.json: Addresses[0].PublicIp: "456.456.456.456" is not an IPv4 address (456 is above 255)`,
      `${WHERE}/describe-security-groups.json: SecurityGroups[0].IpPermissions[0].IpRanges[0].CidrIp: "0.0.0.0/33" has prefix length "33", not 0-32`,
      `${WHERE}/describe-security-groups.json: SecurityGroups[0].IpPermissions[1].Ipv6Ranges[0].CidrIpv6: "1:2:3:4:5:6:7::8" is not an IPv6 address (9 groups instead of 8)`,
      `${WHERE}/describe-security-groups.json: SecurityGroups[0].IpPermissions[2].Ipv6Ranges[0].CidrIpv6: "10.0.0.0/8" is not an IPv6 CIDR`,
      `${WHERE}/describe-vpcs.json: [1].Vpcs[0].CidrBlock: "10.0.0.0" has no prefix length (/n)`,
    ].sort())
  })

  it('network ACL entries and load-balancer ports', () => {
    write('describe-network-acls.json', { NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', IsDefault: false, Associations: [], Entries: [
      { RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 1024, To: 22 } },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32768, Protocol: '-1', RuleAction: 'deny', Egress: false, Ipv6CidrBlock: '::/0' },
      { RuleNumber: 40000, Protocol: '1', RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0', IcmpTypeCode: { Type: -1, Code: 256 } },
    ] }] })
    write('describe-listeners.json', [{ Listeners: [{ ListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/a/1/2', LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/a/1', Port: 0, Protocol: 'HTTP' }] }])
    const acl = `${WHERE}/describe-network-acls.json: NetworkAcls[0].Entries`
    expect(problemsOf().sort()).toEqual([
      `${WHERE}/describe-listeners.json: [0].Listeners[0].Port: 0 is not a port (1–65535)`,
      `${acl}[0].PortRange: From 1024 is above To 22 (a reversed range)`,
      `${acl}[3].IcmpTypeCode.Code: 256 is not an ICMP code (0–255, or -1 for every code)`,
      `${acl}[3].RuleNumber: 40000 is not a network ACL rule number (1–32768)`,
    ].sort())
  })

  it('vpclens import: exit 2 with the file and field, nothing stored', async () => {
    write('describe-security-groups.json', { SecurityGroups: [group('sg-0', []), group('sg-1', []), group('sg-2', []), group('sg-3', [tcp(22, 70000)])] })
    const stderr: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr.push(String(s)); return true })
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    expect(await main(['import', imp.dir, '--data-dir', imp.data, '--json'])).toBe(2)
    vi.restoreAllMocks()
    expect(stderr.join('')).toBe(`vpclens: import ${imp.dir}: nothing stored. ${WHERE}/describe-security-groups.json: SecurityGroups[3].IpPermissions[0].ToPort: 70000 is not a port (0–65535)\n`)
    const store = openSqliteStore(imp.data)
    expect(await store.listEnvironments()).toEqual([])
    await store.close()
  })
})
