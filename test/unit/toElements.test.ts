import { describe, expect, it } from 'vitest'
import type { Graph } from '../../shared/index.ts'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
import { toElements, truncate } from '../../web/src/diagram/toElements.ts'
import { METRICS, cyPadding } from '../../web/src/diagram/metrics.ts'

const graph: Graph = {
  nodes: [
    { id: 'vpc-a', kind: 'vpc', label: 'prod', order: 'prod|vpc-a', details: { cidr: '10.0.0.0/16' } },
    { id: 'vpc-b', kind: 'vpc', label: 'vpc-b', order: '~|vpc-b', details: { cidr: '10.1.0.0/16' } },
    { id: 'igw-1', kind: 'internet-gateway', label: 'igw-1', parent: 'vpc-a', order: '0', details: {} },
    { id: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1', kind: 'load-balancer', label: 'web', parent: 'vpc-a', order: '1', details: { type: 'application' } },
    { id: 'az:vpc-a:us-east-1a', kind: 'availability-zone', label: 'us-east-1a', parent: 'vpc-a', order: 'us-east-1a', details: {} },
    { id: 'subnet-pub', kind: 'subnet', label: 'public-a', parent: 'az:vpc-a:us-east-1a', order: '0|x', details: { tier: 'public', cidr: '10.0.0.0/24' } },
    { id: 'subnet-empty', kind: 'subnet', label: 'isolated-a', parent: 'az:vpc-a:us-east-1a', order: '2|x', details: { tier: 'isolated', cidr: '10.0.9.0/24' } },
    { id: 'i-1', kind: 'instance', label: '<img src=x onerror=alert(1)>', parent: 'subnet-pub', order: '1', details: { type: 't3.micro' } },
    { id: 'eni-1', kind: 'network-interface', label: 'eni-1', parent: 'subnet-pub', order: '2', details: { privateIps: '10.0.0.5, 10.0.0.6' } },
    { id: 'nat-1', kind: 'nat-gateway', label: 'nat', parent: 'subnet-pub', order: '0', details: {} },
  ],
  edges: [
    { id: 'pcx-1', kind: 'peering', source: 'vpc-a', target: 'vpc-b' },
    { id: 'interface-of:eni-1', kind: 'interface-of', source: 'eni-1', target: 'i-1' },
    { id: 'route:subnet-pub|igw-1', kind: 'route', source: 'subnet-pub', target: 'igw-1' },
    { id: 'dangling', kind: 'route', source: 'subnet-pub', target: 'nat-missing' },
    { id: 'eni-1', kind: 'lb-target', source: 'arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1', target: 'eni-1', label: '443' },
  ],
}

const elements = () => toElements(graph, layoutGraph(graph))
const byId = (id: string) => elements().find((e) => e.data.id === id)!
const classesOf = (id: string) => byId(id).classes as string[]

describe('toElements', () => {
  it('maps every node, and every edge whose ends exist, once', () => {
    const els = elements()
    expect(els.filter((e) => e.group === 'nodes')).toHaveLength(graph.nodes.length)
    expect(els.filter((e) => e.group === 'edges')).toHaveLength(4)
    expect(new Set(els.map((e) => e.data.id)).size).toBe(els.length)
    // Nodes first, parents before their children.
    const index = new Map(els.map((e, i) => [e.data.id, i]))
    for (const e of els) {
      if (e.data.parent) expect(index.get(e.data.parent)!, String(e.data.id)).toBeLessThan(index.get(e.data.id)!)
      if (e.group === 'edges') expect(index.get(e.data.source)!).toBeLessThan(index.get(e.data.id)!)
    }
  })

  it('keeps the containment, except for gateways which sit on the VPC edge', () => {
    expect(byId('subnet-pub').data.parent).toBe('az:vpc-a:us-east-1a')
    expect(byId('i-1').data.parent).toBe('subnet-pub')
    expect(byId('az:vpc-a:us-east-1a').data.parent).toBe('vpc-a')
    expect(byId('vpc-a').data.parent).toBeUndefined()
    expect(byId('igw-1').data.parent).toBeUndefined()
    expect(byId('igw-1').data.vpcId).toBeUndefined()
  })

  it('sets classes from kind and tier, data for the panel, and no inline style', () => {
    expect(classesOf('vpc-a')).toEqual(['vpc', 'container'])
    expect(classesOf('subnet-pub')).toEqual(['subnet', 'container', 'tier-public'])
    expect(classesOf('subnet-empty')).toEqual(['subnet', 'container', 'tier-isolated'])
    expect(classesOf('i-1')).toEqual(['instance', 'resource'])
    expect(classesOf('igw-1')).toEqual(['internet-gateway', 'gateway'])
    expect(classesOf('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1')).toEqual(['load-balancer', 'resource', 'lb-application'])
    expect(classesOf('pcx-1')).toEqual(['peering'])
    expect(byId('pcx-1').data.resourceId).toBe('pcx-1')
    expect(byId('subnet-pub').data.tier).toBe('public')
    for (const e of elements()) expect(e).not.toHaveProperty('style')
  })

  it('gives an edge whose id is also a node id a distinct id', () => {
    const e = byId('edge:eni-1')
    expect(e.group).toBe('edges')
    expect(e.data.kind).toBe('lb-target')
    expect(byId('eni-1').group).toBe('nodes')
  })

  it('labels resources with a type tag and the (untrusted) name as plain text', () => {
    expect(byId('i-1').data.label).toBe('EC2  t3.micro\n<img src=x onerro…')
    expect(byId('i-1').data.name).toBe('<img src=x onerror=alert(1)>')
    expect(byId('eni-1').data.label).toBe('ENI  10.0.0.5\neni-1')
    expect(byId('nat-1').data.label).toBe('NAT\nnat')
    expect(byId('arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/web/1').data.label).toBe('ALB\nweb')
    expect(byId('igw-1').data.label).toBe('IGW')
    expect(byId('vpc-a').data.label).toBe('prod · vpc-a · 10.0.0.0/16')
    expect(byId('vpc-b').data.label).toBe('vpc-b · 10.1.0.0/16')
    expect(truncate('abcdef', 4)).toBe('abc…')
  })

  it('positions only nodes without children, and sizes compounds to their layout box', () => {
    const layout = layoutGraph(graph)
    const els = toElements(graph, layout)
    const parents = new Set(els.map((e) => e.data.parent).filter(Boolean))
    for (const e of els.filter((x) => x.group === 'nodes')) {
      expect(e.position !== undefined, String(e.data.id)).toBe(!parents.has(e.data.id))
    }
    // What Cytoscape will compute: children's boxes (each grown by 1px) widened to min-width by the biases,
    // plus padding and border on each side, must be the layout's box.
    const subnet = byId('subnet-pub').data
    const box = layout.boxes.get('subnet-pub')!
    const { pad, border } = { pad: cyPadding(METRICS.subnet), border: METRICS.subnet.border }
    expect(subnet.minW + 2 * pad + border).toBeCloseTo(box.w, 6)
    expect(subnet.minH + 2 * pad + border).toBeCloseTo(box.h, 6)
    const kids = ['nat-1', 'i-1', 'eni-1'].map((id) => layout.boxes.get(id)!)
    const x1 = Math.min(...kids.map((k) => k.x)) - 1
    expect(x1 - subnet.biasL - pad - border / 2).toBeCloseTo(box.x, 6)
    const y1 = Math.min(...kids.map((k) => k.y)) - 1
    expect(y1 - subnet.biasT - pad - border / 2).toBeCloseTo(box.y, 6)
    // A childless container is a plain node of the layout's size.
    const empty = byId('subnet-empty')
    const emptyBox = layout.boxes.get('subnet-empty')!
    expect(empty.data.w + 2 * pad + border).toBeCloseTo(emptyBox.w, 6)
    expect(empty.position).toEqual({ x: emptyBox.x + emptyBox.w / 2, y: emptyBox.y + emptyBox.h / 2 })
  })

  it('is deterministic', () => {
    expect(JSON.stringify(elements())).toBe(JSON.stringify(elements()))
  })
})
