/**
 * The web's pure mappings for the Security view, the exposure overlay and the lists: security graph →
 * layout → elements, exposure report → classes/labels/dimming, and row filtering and sorting.
 */
import { describe, expect, it } from 'vitest'
import type { ElementDefinition } from 'cytoscape'
import type { Exposure, ExposureReport, SecurityGraph } from '../../shared/index.ts'
import { buildSecurityGraph } from '../../server/graph/buildSecurityGraph.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import {
  applyExposureOverlay, compactPorts, exposedCountLine, exposedInterfaceCounts, exposedOnPort, exposedPerContainer, exposurePorts, withoutAccepted,
} from '../../web/src/diagram/exposureOverlay.ts'
import { overviewFontSize, overviewText } from '../../web/src/diagram/overviewLabels.ts'
import { layoutSecurityGraph, SECURITY_METRICS } from '../../web/src/diagram/securityLayout.ts'
import { toSecurityElements } from '../../web/src/diagram/toSecurityElements.ts'
import { filterRows, sortRows } from '../../web/src/components/tableRows.ts'
import { viewFromUrl, VIEW_TABS } from '../../web/src/components/viewTabs.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

/** web (admits the world and an office) → app (admits web) → db (admits app): three columns. */
function chain(): SecurityGraph {
  const inv = smallInventory()
  const r = inv.regions[0]
  const from = (g: string, port: number) => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, UserIdGroupPairs: [{ GroupId: g }] })
  r.ec2.SecurityGroups.push(
    { GroupId: 'sg-app', GroupName: 'app', VpcId: 'vpc-1', IpPermissions: [from('sg-web', 8080)], IpPermissionsEgress: [] },
    { GroupId: 'sg-db', GroupName: 'db', VpcId: 'vpc-1', IpPermissions: [from('sg-app', 5432)], IpPermissionsEgress: [] },
  )
  return buildSecurityGraph(normalize(inv).resources, { members: true })
}

describe('security layout and elements', () => {
  const graph = chain()
  const { positions } = layoutSecurityGraph(graph)

  it('puts each group one column right of the groups that admit it, sources left of all', () => {
    const x = (id: string) => positions.get(id)!.x
    expect(x('sg-web')).toBeLessThan(x('sg-app'))
    expect(x('sg-app')).toBeLessThan(x('sg-db'))
    expect(x('internet')).toBeLessThan(x('sg-web'))
    expect(x('cidr:81.2.69.0/24')).toBe(x('internet'))
    // The member interface sits under its group.
    expect(positions.get('eni-web')!.y).toBeGreaterThan(positions.get('sg-web')!.y + SECURITY_METRICS.group.h / 2)
    // Sources never overlap.
    expect(Math.abs(positions.get('internet')!.y - positions.get('cidr:81.2.69.0/24')!.y)).toBeGreaterThanOrEqual(SECURITY_METRICS.source.h)
  })

  it('maps every node and edge with classes, positions and the VPC as parent', () => {
    const els = toSecurityElements(graph, { positions })
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(graph.nodes.length)
    expect(els.filter((e) => e.group === 'edges')).toHaveLength(graph.edges.length)
    const byId = new Map(els.map((e) => [e.data.id, e]))
    expect(byId.get('sg-app')!.data.parent).toBe('vpc-1')
    expect(byId.get('sg-app')!.classes).toEqual(['sg-node', 'sg-security-group'])
    expect(byId.get('internet')!.data.parent).toBeUndefined()
    expect(byId.get('vpc-1')!.position).toBeUndefined()
    expect(byId.get('ingress:internet|sg-web')!.classes).toEqual(['sg-ingress', 'from-internet'])
    expect(byId.get('ingress:internet|sg-web')!.data.edgeLabel).toBe('tcp/443')
    expect(byId.get('member:eni-web|sg-web')!.classes).toEqual(['sg-member-of'])
  })

  it('is deterministic', () => {
    expect([...layoutSecurityGraph(chain()).positions]).toEqual([...positions])
  })
})

const exposure = (over: Partial<Exposure>): Exposure => ({
  id: 'x', eni: 'eni-1', resource: 'i-1', vpcId: 'vpc-1', subnetId: 'subnet-1', protocol: 'tcp', ports: [22, 22], sources: ['0.0.0.0/0'],
  breadth: 'world', via: 'direct', completeness: 'full', severity: 'critical', caveats: [], trace: [], ...over,
})
const report = (exposures: Exposure[]): ExposureReport => ({
  env: 'e', version: '1', hash: 'h', exposures, blocked: [], unknown: [], coverage: { complete: true, notCollected: [], integrity: [] },
  summary: { networkInterfaces: 3, exposedInterfaces: 2, unknownInterfaces: 0, directExposures: 1, viaLoadBalancerExposures: 1 },
})

describe('exposure overlay', () => {
  const lb = 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/web/abc'
  const r = report([
    exposure({ id: 'ssh' }),
    exposure({ id: 'web', eni: 'eni-2', resource: 'i-2', ports: [8080, 8080], severity: 'info', via: `${lb}:443`,
      lb: { loadBalancerArn: lb, listenerArn: 'l', listenerPort: 443, targetGroupArn: 't', targetPort: 8080, clientIpPreserved: false } }),
    exposure({ id: 'all', eni: 'eni-3', resource: null, protocol: 'all', ports: [0, 65535], severity: 'high' }),
  ])
  const node = (id: string, kind: string, label: string): ElementDefinition => ({ group: 'nodes', data: { id, kind, label }, classes: [kind, 'resource'] })
  const elements: ElementDefinition[] = [
    { group: 'nodes', data: { id: 'subnet-1', kind: 'subnet', label: 'public' }, classes: ['subnet', 'container'] },
    node('eni-1', 'network-interface', 'ENI  10.0.0.1\neni-1'), node('i-1', 'instance', 'EC2  t3\nbastion'),
    node('eni-2', 'network-interface', 'ENI  10.0.0.2\neni-2'), node('i-2', 'instance', 'EC2  t3\napp'),
    node('eni-3', 'network-interface', 'ENI  10.0.0.3\neni-3'), node('eni-4', 'network-interface', 'ENI  10.0.0.4\neni-4'),
    node(lb, 'load-balancer', 'ALB  internet-facing\nweb'),
    { group: 'edges', data: { id: 'e1', source: 'eni-1', target: 'i-1' }, classes: ['interface-of'] },
    { group: 'edges', data: { id: 'e2', source: 'eni-2', target: 'i-2' }, classes: ['interface-of'] },
  ]
  const byId = (els: ElementDefinition[]) => new Map(els.map((e) => [String(e.data.id), e]))

  it('marks exposed elements by severity with the ports in the label, and leaves the rest alone', () => {
    const out = byId(applyExposureOverlay(elements, r, null))
    expect(out.get('eni-1')!.classes).toEqual(['network-interface', 'resource', 'exposed', 'sev-critical'])
    expect(out.get('eni-1')!.data.label).toBe('CRIT tcp/22\nENI  10.0.0.1')
    expect(out.get('i-1')!.data.label).toBe('CRIT tcp/22\nbastion')
    expect(out.get('eni-3')!.classes).toContain('sev-high')
    expect(out.get('eni-3')!.data.label).toBe('HIGH all\nENI  10.0.0.3')
    // The load balancer in front shows its listener port; the target its own.
    expect(out.get(lb)!.data.label).toBe('INFO tcp/443\nweb')
    expect(out.get('eni-2')!.data.label).toBe('INFO tcp/8080\nENI  10.0.0.2')
    expect(out.get('eni-4')).toEqual(elements[6])
    expect(out.get('subnet-1')!.classes).toEqual(['subnet', 'container'])
    // The input is never changed.
    expect(elements[1].data.label).toBe('ENI  10.0.0.1\neni-1')
  })

  it('dims everything not exposed on the filtered port, containers excepted', () => {
    const out = byId(applyExposureOverlay(elements, r, 22))
    const dimmed = [...out.values()].filter((e) => (e.classes as string[]).includes('dimmed')).map((e) => String(e.data.id)).sort()
    expect(dimmed).toEqual(['e2', 'eni-2', 'eni-4', 'i-2', lb].sort())
    expect(exposedOnPort(r, 443)).toEqual(new Set([lb, 'eni-3']))
    expect(exposedOnPort(r, 8080)).toEqual(new Set(['eni-2', 'i-2', 'eni-3']))
  })

  it('counts the exposed interfaces of each VPC and collapsed subnet under its name, with the worst severity', () => {
    const withVpc: ElementDefinition[] = [
      { group: 'nodes', data: { id: 'vpc-1', kind: 'vpc', label: 'prod  ·  vpc-1' }, classes: ['vpc', 'container'] },
      { group: 'nodes', data: { id: 'subnet-1', kind: 'subnet', label: 'public\n3 ENIs' }, classes: ['subnet', 'container', 'collapsed'] },
      { group: 'nodes', data: { id: 'vpc-2', kind: 'vpc', label: 'idle' }, classes: ['vpc', 'container'] },
    ]
    const out = byId(applyExposureOverlay(withVpc, r, null))
    // eni-1 (critical), eni-2 (info) and eni-3 (high) are all in vpc-1 / subnet-1.
    expect(out.get('vpc-1')!.data.label).toBe('prod  ·  vpc-1\n▲ 3 exposed interfaces · worst CRIT')
    expect(out.get('vpc-1')!.data.exposedCount).toBe(3)
    expect(out.get('subnet-1')!.data.label).toBe('public\n3 ENIs\n▲ 3 exposed interfaces · worst CRIT')
    expect(out.get('vpc-2')).toEqual(withVpc[2])
    // An expanded subnet keeps its plain name (its interfaces carry the overlay themselves).
    expect(byId(applyExposureOverlay(elements, r, null)).get('subnet-1')!.data.label).toBe('public')
    const one = exposedPerContainer(report([exposure({ severity: 'low' }), exposure({ id: 'y', severity: 'medium' })]))
    expect(exposedCountLine(one.get('vpc-1')!)).toBe('▲ 1 exposed interface · worst MED')
  })

  it('with a policy: an element whose every exposure is accepted is muted and says ACCEPTED; one with some takes its severity from the rest', () => {
    const mark = { index: 0, line: 3, reason: 'office SSH', owner: 'sre' }
    const accepted = report([
      exposure({ id: 'ssh', accepted: mark }),
      exposure({ id: 'ssh3', eni: 'eni-3', resource: null, accepted: mark }),
      exposure({ id: 'web3', eni: 'eni-3', resource: null, ports: [443, 443], severity: 'low' }),
    ])
    const out = byId(applyExposureOverlay(elements, accepted, null))
    expect(out.get('eni-1')!.classes).toEqual(['network-interface', 'resource', 'exposed', 'sev-critical', 'accepted'])
    expect(out.get('eni-1')!.data).toMatchObject({ label: 'ACCEPTED tcp/22\nENI  10.0.0.1', accepted: 'all', severity: 'critical' })
    expect(out.get('i-1')!.classes).toContain('accepted')
    // Partly accepted: not muted, and the accepted critical SSH does not make it critical.
    expect(out.get('eni-3')!.classes).toEqual(['network-interface', 'resource', 'exposed', 'sev-low'])
    expect(out.get('eni-3')!.data).toMatchObject({ label: 'LOW tcp/22,443\nENI  10.0.0.3', accepted: 'some' })
    expect(exposedInterfaceCounts(accepted)).toEqual({ exposed: 2, accepted: 1 })
    // A VPC counts them all, says how many are accepted, and takes its worst from the rest.
    expect(exposedCountLine(exposedPerContainer(accepted).get('vpc-1')!)).toBe('▲ 2 exposed interfaces · worst LOW · 1 accepted')
    // "Hide accepted": only what no acceptance covers is drawn.
    const hidden = byId(applyExposureOverlay(elements, withoutAccepted(accepted), null))
    expect(hidden.get('eni-1')).toEqual(elements[1])
    expect(hidden.get('eni-3')!.data.label).toBe('LOW tcp/443\nENI  10.0.0.3')
    // Without marks nothing changes (the same object back).
    expect(withoutAccepted(r)).toBe(r)
    expect([...byId(applyExposureOverlay(elements, r, null)).values()].some((e) => (e.classes as string[]).includes('accepted'))).toBe(false)
  })

  it('formats ports compactly', () => {
    expect(exposurePorts({ protocol: 'tcp', ports: [1024, 65535] })).toBe('tcp/1024-65535')
    expect(exposurePorts({ protocol: 'udp', ports: [0, 65535] })).toBe('udp/all')
    expect(exposurePorts({ protocol: '50', ports: [0, 65535] })).toBe('proto/50')
    expect(compactPorts(['tcp/80', 'tcp/443', 'udp/53', 'all'])).toBe('tcp/80,443 udp/53 all')
  })
})

describe('list rows', () => {
  const rows = [
    { id: 'sg-1', kind: 'security-group', name: 'web' },
    { id: 'subnet-10', kind: 'subnet', name: 'public-b' },
    { id: 'subnet-9', kind: 'subnet', name: 'Public-a' },
  ]
  const fields = (r: (typeof rows)[number]) => ({ id: r.id, kind: r.kind, name: r.name })
  it('filters on every word, or on one field with key:value', () => {
    expect(filterRows(rows, 'public', fields).map((r) => r.id)).toEqual(['subnet-10', 'subnet-9'])
    expect(filterRows(rows, 'kind:subnet -a', fields).map((r) => r.id)).toEqual(['subnet-9'])
    expect(filterRows(rows, 'name:web', fields).map((r) => r.id)).toEqual(['sg-1'])
    expect(filterRows(rows, '  ', fields)).toHaveLength(3)
  })
  it('sorts stably, numbers inside text by value, both ways', () => {
    expect(sortRows(rows, { key: 'id', dir: 'asc' }, (r, k) => fields(r)[k as 'id']).map((r) => r.id)).toEqual(['sg-1', 'subnet-9', 'subnet-10'])
    expect(sortRows(rows, { key: 'kind', dir: 'desc' }, (r, k) => fields(r)[k as 'kind']).map((r) => r.id)).toEqual(['subnet-10', 'subnet-9', 'sg-1'])
  })
  it('knows the views and falls back to the first', () => {
    expect(VIEW_TABS.map((t) => t.id).slice(0, 4)).toEqual(['infrastructure', 'security', 'findings', 'resources'])
    expect(viewFromUrl('findings')).toBe('findings')
    expect(viewFromUrl('<script>')).toBe('infrastructure')
    expect(viewFromUrl(null)).toBe('infrastructure')
  })
})

describe('overviewFontSize', () => {
  it('draws VPC names 15 screen pixels tall at overview, within the header band and the box width', () => {
    // Zoom 0.05: 15 px on screen is 300 model px, if the band (900) and width (20,000) allow it.
    expect(overviewFontSize('prod', 20_000, 900, 0.05)).toBe(300)
    // Two lines in a 300 px band: at most 0.9 × 300 / 2.6.
    expect(overviewFontSize('prod\n▲ 3 exposed', 20_000, 300, 0.05)).toBeCloseTo(270 / 2.6, 6)
    // 40 characters in a 2,000 px box: at most 0.94 × 2,000 / (40 × 0.62).
    expect(overviewFontSize('x'.repeat(40), 2_000, 900, 0.05)).toBeCloseTo(1880 / 24.8, 6)
    expect(overviewText('prod  ·  vpc-1  ·  10.0.0.0/16\n▲ 3 exposed interfaces · worst CRIT', 'prod')).toBe('prod\n▲ 3 exposed interfaces · worst CRIT')
    // Never smaller than the normal header font.
    expect(overviewFontSize('prod', 30, 38, 0.05)).toBe(15)
  })
})
