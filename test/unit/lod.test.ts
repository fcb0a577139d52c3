import type { ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
import { buildLodIndex, lodElements, subnetsInView } from '../../web/src/diagram/lod.ts'
import { toElements } from '../../web/src/diagram/toElements.ts'
import { makeGraph } from './lodFixture.ts'

const graph = makeGraph({ vpcs: 2, azs: 2, subnetsPerAz: 3, enisPerSubnet: 4 })
const layout = layoutGraph(graph)
const index = buildLodIndex(graph, layout)
const byId = (els: ElementDefinition[]) => new Map(els.map((e) => [String(e.data.id), e]))
const subnets = graph.nodes.filter((n) => n.kind === 'subnet').map((n) => n.id)
const kindsOf = (els: ElementDefinition[]) => new Set(els.filter((e) => e.group === 'nodes').map((e) => String(e.data.kind)))

describe('buildLodIndex', () => {
  it('knows each resource\'s subnet, and summarises each subnet by type', () => {
    expect(index.subnetOf.get('eni-0-1-2-3')).toBe('subnet-0-1-2')
    expect(index.subnetOf.has('alb-0')).toBe(false)
    expect(index.members.get('subnet-0-0-0')).toHaveLength(6)
    expect(index.summary.get('subnet-0-0-0')).toBe('4 ENIs · 2 EC2')
    expect(index.vpcOf.get('subnet-1-0-2')).toBe('vpc-1')
  })
})

describe('lodElements', () => {
  it('collapsed: one node per subnet on its layout box, no resources inside, bundled edges', () => {
    const els = lodElements(graph, layout, index, new Set())
    const m = byId(els)
    expect(kindsOf(els)).toEqual(new Set(['vpc', 'availability-zone', 'subnet', 'internet-gateway', 'load-balancer']))
    for (const s of subnets) {
      const el = m.get(s)!
      const box = layout.boxes.get(s)!
      expect(el.classes).toContain('collapsed')
      expect(el.position).toEqual({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
      expect([el.data.minW, el.data.biasL]).toEqual([0, 0])
      expect(String(el.data.label)).toContain(`${s}`)
      expect(String(el.data.label)).toContain('4 ENIs · 2 EC2')
      expect(Number(el.data.fontSize)).toBeGreaterThanOrEqual(11)
    }
    const edges = els.filter((e) => e.group === 'edges')
    // interface-of edges live inside a subnet: gone. Routes (subnet → gateway) unchanged. Targets bundled.
    expect(edges.filter((e) => e.data.kind === 'interface-of')).toEqual([])
    expect(edges.filter((e) => e.data.kind === 'route').map((e) => e.data.id).sort())
      .toEqual(graph.edges.filter((e) => e.kind === 'route').map((e) => e.id).sort())
    const bundle = m.get('bundle:lb-target|alb-0|subnet-0-0-1')!
    expect(bundle.data).toMatchObject({ source: 'alb-0', target: 'subnet-0-0-1', count: 2 })
    expect(bundle.classes).toEqual(['lb-target', 'bundle'])
    expect(edges.filter((e) => e.data.kind === 'lb-target')).toHaveLength(2 * 2 * 1) // one private subnet per AZ per VPC
    // Every edge's ends are drawn.
    for (const e of edges) expect(m.has(String(e.data.source)) && m.has(String(e.data.target)), String(e.data.id)).toBe(true)
  })

  it('expanding one subnet draws its resources exactly as the full diagram does', () => {
    const full = byId(toElements(graph, layout))
    const els = lodElements(graph, layout, index, new Set(['subnet-0-0-1']))
    const m = byId(els)
    for (const id of index.members.get('subnet-0-0-1')!) expect(m.get(id), id).toEqual(full.get(id))
    expect(m.get('subnet-0-0-1')).toEqual(full.get('subnet-0-0-1'))
    expect(m.has('eni-0-0-0-0')).toBe(false)
    expect(m.get('subnet-0-0-0')!.classes).toContain('collapsed')
    expect(m.has('bundle:lb-target|alb-0|subnet-0-0-1')).toBe(false)
    expect(m.get('lb-target:alb-0|i-0-0-1-0')).toEqual(full.get('lb-target:alb-0|i-0-0-1-0'))
    expect(m.get('interface-of:eni-0-0-1-0')).toEqual(full.get('interface-of:eni-0-0-1-0'))
  })

  it('with every subnet expanded it is the full diagram', () => {
    const all = lodElements(graph, layout, index, new Set(subnets))
    const full = toElements(graph, layout)
    const sort = (els: ElementDefinition[]) => [...els].sort((a, b) => (String(a.data.id) < String(b.data.id) ? -1 : 1))
    expect(sort(all)).toEqual(sort(full))
  })
})

describe('subnetsInView', () => {
  const everything = { x1: -1e6, y1: -1e6, x2: 1e6, y2: 1e6 }
  it('expands nothing at overview zoom, and what meets the view nearest the centre first within a budget', () => {
    expect(subnetsInView(index, layout.boxes, everything, 0.1, 0.3, 1000)).toEqual([])
    expect(subnetsInView(index, layout.boxes, everything, 0.5, 0.3, 1000)).toHaveLength(subnets.length)
    const b = layout.boxes.get('subnet-1-1-1')!
    const around = { x1: b.x + 1, y1: b.y + 1, x2: b.x + b.w - 1, y2: b.y + b.h - 1 }
    expect(subnetsInView(index, layout.boxes, around, 1, 0.3, 1000)).toEqual(['subnet-1-1-1'])
    const two = subnetsInView(index, layout.boxes, everything, 1, 0.3, 12)
    expect(two).toHaveLength(2)
    // Always at least one, even when it alone is over budget.
    expect(subnetsInView(index, layout.boxes, around, 1, 0.3, 1)).toEqual(['subnet-1-1-1'])
  })
})
