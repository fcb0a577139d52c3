import { describe, expect, it } from 'vitest'
import type { Graph, GraphNode } from '../../shared/index.ts'
import { cidrInside, parseCidr } from '../../shared/network/index.ts'
import { parseSearch, tokenize } from '../../web/src/search/parseSearch.ts'
import { searchGraph } from '../../web/src/search/searchGraph.ts'

const node = (id: string, kind: GraphNode['kind'], label: string, details: Record<string, string> = {}): GraphNode =>
  ({ id, kind, label, order: id, details, resourceId: kind === 'availability-zone' ? undefined : id })

const graph: Graph = {
  nodes: [
    node('vpc-1', 'vpc', 'prod', { cidr: '10.0.0.0/16', tags: '{"env":"prod"}' }),
    node('subnet-a', 'subnet', 'prod-public-a', { cidr: '10.0.1.0/24', tier: 'public' }),
    node('subnet-b', 'subnet', 'prod-private-a', { cidr: '10.0.2.0/24', tier: 'private' }),
    node('i-web', 'instance', 'web-1', { privateIp: '10.0.1.5', publicIp: '54.1.2.3', ingress: 'tcp/22,tcp/443', tags: '{"env":"prod","team":"Web"}' }),
    node('eni-web', 'network-interface', 'eni-web', { privateIps: '10.0.1.5, 10.0.1.6', ipv6: '2600:1f18::5', ingress: 'tcp/22,tcp/443', owner: 'i-web' }),
    node('i-db', 'instance', 'db-1', { privateIp: '10.0.2.9', ingress: 'tcp/5432,udp/53', tags: '{"env":"staging","cost center":"r&d"}' }),
    node('eni-db', 'network-interface', 'eni-db', { privateIps: '10.0.2.9', ingress: 'all' }),
    node('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1', 'load-balancer', 'web-alb', { type: 'application', ingress: 'tcp/8000-8100' }),
    node('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/nlb/2', 'load-balancer', 'nlb', { type: 'network' }),
    node('az:vpc-1:us-east-1a', 'availability-zone', 'us-east-1a'),
  ],
  edges: [],
}
const ids = (q: string) => searchGraph(graph, q).ids

describe('parseCidr (the shared parser, as search uses it)', () => {
  it('reads IPv4 and IPv6 addresses and blocks, and rejects the rest', () => {
    expect(parseCidr('10.0.1.0/24')).toEqual({ family: 4, lo: 0x0a000100, hi: 0x0a0001ff, prefix: 24, hostBitsSet: false })
    expect(parseCidr('10.0.1.77/24')!.lo).toBe(0x0a000100) // host bits are cleared
    const v6 = parseCidr('2600:1f18::/32')!
    expect(v6.family === 6 && v6.hi - v6.lo).toBe((1n << 96n) - 1n)
    for (const bad of ['10.0.1', '10.0.1.256', '10.0.1.0/33', '1::2::3', 'abc', '10.0.0.0/8/1', '']) expect(parseCidr(bad), bad).toBeUndefined()
    expect(cidrInside(parseCidr('10.0.1.5')!, parseCidr('10.0.0.0/16')!)).toBe(true)
    expect(cidrInside(parseCidr('10.0.0.0/16')!, parseCidr('10.0.1.0/24')!)).toBe(false)
    expect(cidrInside(parseCidr('::a00:105')!, parseCidr('10.0.0.0/8')!)).toBe(false) // families never mix
  })
})

describe('parseSearch', () => {
  it('keeps quoted spaces and reports unreadable terms', () => {
    expect(tokenize('tag:"cost center"=r&d  web')).toEqual(['tag:cost center=r&d', 'web'])
    const p = parseSearch('ip:10.0.300.1 port:70000 port:tcp/22 type:')
    expect(p.terms).toEqual([{ kind: 'port', protocol: 'tcp', from: 22, to: 22 }])
    expect(p.errors).toHaveLength(3)
    expect(p.errors[0]).toContain('10.0.300.1')
  })
})

describe('searchGraph', () => {
  it('finds by id, name and resource id, case-insensitively', () => {
    expect(ids('WEB')).toEqual(['i-web', 'eni-web', 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1'])
    expect(ids('id:eni-')).toEqual(['eni-web', 'eni-db'])
    expect(ids('name:db-1')).toEqual(['i-db'])
    expect(ids('')).toEqual([])
  })

  it('finds by tag key, key and value, and Name', () => {
    expect(ids('tag:env=prod')).toEqual(['vpc-1', 'i-web'])
    expect(ids('tag:env')).toEqual(['vpc-1', 'i-web', 'i-db'])
    expect(ids('tag:team=web')).toEqual(['i-web'])
    expect(ids('tag:"cost center"=r&d')).toEqual(['i-db'])
    expect(ids('tag:Name=web-alb')).toEqual(['arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1'])
  })

  it('finds what lies inside an address or block', () => {
    expect(ids('ip:10.0.1.0/24')).toEqual(['subnet-a', 'i-web', 'eni-web'])
    expect(ids('ip:10.0.1.5')).toEqual(['i-web', 'eni-web'])
    expect(ids('ip:10.0.1.6')).toEqual(['eni-web'])
    expect(ids('ip:10.0.0.0/8')).toEqual(['vpc-1', 'subnet-a', 'subnet-b', 'i-web', 'eni-web', 'i-db', 'eni-db'])
    expect(ids('ip:54.1.2.3')).toEqual(['i-web'])
    expect(ids('ip:2600:1f18::/32')).toEqual(['eni-web'])
    expect(ids('10.0.2.9')).toEqual(['i-db', 'eni-db']) // a bare address means ip:
  })

  it('finds by kind and friendly type names', () => {
    expect(ids('type:instance')).toEqual(['i-web', 'i-db'])
    expect(ids('type:ec2')).toEqual(['i-web', 'i-db'])
    expect(ids('type:eni')).toEqual(['eni-web', 'eni-db'])
    expect(ids('type:alb')).toEqual(['arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1'])
    expect(ids('type:lb')).toHaveLength(2)
    expect(ids('type:az')).toEqual(['az:vpc-1:us-east-1a'])
  })

  it('finds what security groups open on a port (ranges, protocols, all traffic)', () => {
    expect(ids('port:22')).toEqual(['i-web', 'eni-web', 'eni-db'])
    expect(ids('port:8080')).toEqual(['eni-db', 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1'])
    expect(ids('port:udp/53')).toEqual(['i-db', 'eni-db'])
    expect(ids('port:tcp/53')).toEqual(['eni-db'])
    expect(ids('port:5000-5500')).toEqual(['i-db', 'eni-db'])
  })

  it('combines terms with AND, and keeps readable terms beside an error', () => {
    expect(ids('type:eni port:22')).toEqual(['eni-web', 'eni-db'])
    expect(ids('type:instance tag:env=prod port:22')).toEqual(['i-web'])
    const r = searchGraph(graph, 'type:ec2 ip:nope')
    expect(r.ids).toEqual(['i-web', 'i-db'])
    expect(r.errors).toEqual(['ip: "nope" is not an IP address or CIDR block'])
  })
})
