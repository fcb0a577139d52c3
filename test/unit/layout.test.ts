import { describe, expect, it } from 'vitest'
import type { Graph, GraphNode } from '../../shared/index.ts'
import { OVERVIEW_ASPECT, gridArrangement, layoutGraph, type Box, type DiagramLayout } from '../../web/src/diagram/layout.ts'
import { METRICS } from '../../web/src/diagram/metrics.ts'

/** A seeded PRNG so the shuffles are reproducible. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
}
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const r = rng(seed), out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

interface Spec { vpcs: number; azs: number; subnetsPerAz: number; enisPerSubnet: number }
/** A regular environment shaped like buildGraph's output. */
export function makeGraph(spec: Spec): Graph {
  const nodes: GraphNode[] = []
  const edges: Graph['edges'] = []
  const tiers = ['public', 'private', 'isolated']
  for (let v = 0; v < spec.vpcs; v++) {
    const vpc = `vpc-${v}`
    nodes.push({ id: vpc, kind: 'vpc', label: `vpc ${v}`, order: `vpc ${v}|${vpc}`, details: { cidr: `10.${v}.0.0/16` } })
    nodes.push({ id: `igw-${v}`, kind: 'internet-gateway', label: `igw-${v}`, parent: vpc, order: `0|igw-${v}`, details: {} })
    nodes.push({ id: `alb-${v}`, kind: 'load-balancer', label: `alb ${v}`, parent: vpc, order: `1|alb-${v}`, details: { type: 'application' } })
    nodes.push({ id: `vpce-${v}`, kind: 'vpc-endpoint', label: `s3`, parent: vpc, order: `2|vpce-${v}`, details: {} })
    for (let a = 0; a < spec.azs; a++) {
      const zone = `us-east-1${'abcdef'[a]}`
      const az = `az:${vpc}:${zone}`
      nodes.push({ id: az, kind: 'availability-zone', label: zone, parent: vpc, order: zone, details: {} })
      for (let s = 0; s < spec.subnetsPerAz; s++) {
        const subnet = `subnet-${v}-${a}-${s}`
        const tier = tiers[s % 3]
        nodes.push({ id: subnet, kind: 'subnet', label: subnet, parent: az, order: `${s % 3}|${s}`, details: { tier, cidr: `10.${v}.${a * 16 + s}.0/24` } })
        for (let e = 0; e < spec.enisPerSubnet; e++) {
          const eni = `eni-${v}-${a}-${s}-${e}`
          nodes.push({ id: eni, kind: 'network-interface', label: eni, parent: subnet, order: `2|${eni}`, details: {} })
          if (e % 2 === 0) {
            const i = `i-${v}-${a}-${s}-${e}`
            nodes.push({ id: i, kind: 'instance', label: i, parent: subnet, order: `1|${i}`, details: {} })
            edges.push({ id: `interface-of:${eni}`, kind: 'interface-of', source: eni, target: i })
          }
        }
      }
    }
  }
  return { nodes, edges }
}

const plain = (l: DiagramLayout) => Object.fromEntries([...l.positions].sort(([a], [b]) => (a < b ? -1 : 1)))
const inside = (p: Box, c: Box) => c.x >= p.x - 1e-6 && c.y >= p.y - 1e-6 && c.x + c.w <= p.x + p.w + 1e-6 && c.y + c.h <= p.y + p.h + 1e-6
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h

describe('layoutGraph', () => {
  const graph = makeGraph({ vpcs: 3, azs: 3, subnetsPerAz: 3, enisPerSubnet: 5 })

  it('is deterministic, whatever the input order', () => {
    const a = layoutGraph(graph)
    expect(plain(layoutGraph(graph))).toEqual(plain(a))
    for (const seed of [1, 2, 3]) {
      expect(plain(layoutGraph({ nodes: shuffled(graph.nodes, seed), edges: shuffled(graph.edges, seed) }))).toEqual(plain(a))
    }
  })

  it('positions exactly the nodes without children in the diagram', () => {
    const l = layoutGraph(graph)
    const withChild = new Set(l.parents.values())
    for (const n of graph.nodes) {
      expect(l.boxes.has(n.id), n.id).toBe(true)
      expect(l.positions.has(n.id), n.id).toBe(!withChild.has(n.id))
    }
    expect(withChild.has('vpc-0')).toBe(true)
    expect(l.parents.get('subnet-0-0-0')).toBe('az:vpc-0:us-east-1a')
    // Gateways leave the VPC so that they can straddle its edge.
    expect(l.parents.has('igw-0')).toBe(false)
  })

  it('keeps every node inside its ancestors and no two resources overlapping', () => {
    const l = layoutGraph(graph)
    for (const [child, parent] of l.parents) {
      expect(inside(l.boxes.get(parent)!, l.boxes.get(child)!), `${child} in ${parent}`).toBe(true)
    }
    const leaves = [...l.positions.keys()].map((id) => l.boxes.get(id)!)
    const sorted = leaves.map((b, i) => ({ b, i })).sort((p, q) => p.b.x - q.b.x)
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j].b.x < sorted[i].b.x + sorted[i].b.w; j++) {
        expect(overlap(sorted[i].b, sorted[j].b), `leaves ${sorted[i].i} and ${sorted[j].i}`).toBe(false)
      }
    }
    // Siblings of every container never overlap either (subnets in an AZ, AZ columns, VPCs).
    const byParent = new Map<string, Box[]>()
    for (const [child, parent] of l.parents) byParent.set(parent, [...(byParent.get(parent) ?? []), l.boxes.get(child)!])
    for (const [parent, boxes] of byParent) {
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        expect(overlap(boxes[i], boxes[j]), `children of ${parent}`).toBe(false)
      }
    }
  })

  it('puts gateways on the VPC top edge and the load balancer band above the AZ columns', () => {
    const l = layoutGraph(graph)
    const vpc = l.boxes.get('vpc-1')!, igw = l.positions.get('igw-1')!
    expect(igw.y).toBe(vpc.y)
    expect(igw.x).toBeGreaterThan(vpc.x)
    expect(igw.x).toBeLessThan(vpc.x + vpc.w)
    const alb = l.boxes.get('alb-1')!, az = l.boxes.get('az:vpc-1:us-east-1a')!
    expect(inside(vpc, alb)).toBe(true)
    expect(alb.y + alb.h).toBeLessThanOrEqual(az.y)
  })

  it('orders AZ columns by zone in every VPC and subnets by tier then CIDR', () => {
    const l = layoutGraph(graph)
    for (let v = 0; v < 3; v++) {
      const xs = ['a', 'b', 'c'].map((z) => l.boxes.get(`az:vpc-${v}:us-east-1${z}`)!.x)
      expect(xs).toEqual([...xs].sort((p, q) => p - q))
    }
    const y = (s: number) => l.boxes.get(`subnet-0-0-${s}`)!.y
    expect(y(0)).toBeLessThan(y(1)) // public above private
    expect(y(1)).toBeLessThan(y(2)) // private above isolated
    // VPCs side by side in order.
    expect(l.boxes.get('vpc-0')!.x).toBeLessThan(l.boxes.get('vpc-1')!.x)
  })

  it('sorts resources in a subnet by kind: instances before network interfaces', () => {
    const l = layoutGraph(graph)
    const i = l.boxes.get('i-0-0-0-4')!, eni = l.boxes.get('eni-0-0-0-0')!
    expect(i.y < eni.y || (i.y === eni.y && i.x < eni.x)).toBe(true)
  })

  it('keeps other VPCs and other AZ columns in place when a subnet is added', () => {
    const before = layoutGraph(graph)
    const added: GraphNode[] = [
      { id: 'subnet-new', kind: 'subnet', label: 'new', parent: 'az:vpc-1:us-east-1b', order: '1|zzz', details: { tier: 'private', cidr: '10.1.200.0/24' } },
      { id: 'eni-new', kind: 'network-interface', label: 'eni-new', parent: 'subnet-new', order: '2|eni-new', details: {} },
    ]
    const after = layoutGraph({ nodes: [...graph.nodes, ...added], edges: graph.edges })
    expect(after.positions.has('eni-new')).toBe(true)
    let compared = 0
    for (const [id, p] of before.positions) {
      const unaffected = !id.startsWith('eni-1-1-') && !id.startsWith('i-1-1-') && !id.startsWith('subnet-1-1-')
      if (unaffected) {
        expect(after.positions.get(id), id).toEqual(p)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(100)
    // Inside the changed column, subnets above the new one stay put; the VPC only grows downwards.
    expect(after.boxes.get('subnet-1-1-0')).toEqual(before.boxes.get('subnet-1-1-0'))
    const [v0, v1] = [before.boxes.get('vpc-1')!, after.boxes.get('vpc-1')!]
    expect([v1.x, v1.y, v1.w]).toEqual([v0.x, v0.y, v0.w])
    expect(v1.h).toBeGreaterThan(v0.h)
  })

  it('lays out 20,000 network interfaces', () => {
    const big = makeGraph({ vpcs: 10, azs: 3, subnetsPerAz: 6, enisPerSubnet: 112 })
    const enis = big.nodes.filter((n) => n.kind === 'network-interface').length
    expect(enis).toBeGreaterThanOrEqual(20_000)
    const l = layoutGraph(big)
    expect(l.positions.size).toBe(big.nodes.length - big.nodes.filter((n) => ['vpc', 'availability-zone', 'subnet'].includes(n.kind)).length)
    const subnet = l.boxes.get('subnet-4-1-2')!
    expect(subnet.w).toBeGreaterThan(METRICS.subnet.minCols * METRICS.leaf.w) // the grid widened for 168 resources
  })

  it('puts many VPCs in a grid shaped for the screen, not in one row', () => {
    const big = makeGraph({ vpcs: 10, azs: 3, subnetsPerAz: 6, enisPerSubnet: 20 })
    const l = layoutGraph(big)
    const vpcs = Array.from({ length: 10 }, (_, v) => l.boxes.get(`vpc-${v}`)!)
    const rows = [...new Set(vpcs.map((b) => b.y))].sort((a, b) => a - b)
    const cols = [...new Set(vpcs.map((b) => b.x))].sort((a, b) => a - b)
    expect(rows.length).toBeGreaterThanOrEqual(2)
    expect(cols.length).toBeGreaterThanOrEqual(3)
    expect(rows.length * cols.length).toBeGreaterThanOrEqual(10)
    // Reading order: VPC 0 top left, then along the first row.
    expect([vpcs[0].x, vpcs[0].y]).toEqual([cols[0], rows[0]])
    expect(vpcs[1].y).toBe(rows[0])
    expect(vpcs[1].x).toBeGreaterThan(vpcs[0].x)
    for (let i = 0; i < vpcs.length; i++) for (let j = i + 1; j < vpcs.length; j++) expect(overlap(vpcs[i], vpcs[j]), `vpc-${i} / vpc-${j}`).toBe(false)
    const w = Math.max(...vpcs.map((b) => b.x + b.w)) - Math.min(...vpcs.map((b) => b.x))
    const h = Math.max(...vpcs.map((b) => b.y + b.h)) - Math.min(...vpcs.map((b) => b.y))
    expect(w / h).toBeGreaterThan(OVERVIEW_ASPECT / 2)
    expect(w / h).toBeLessThan(OVERVIEW_ASPECT * 2)
  })

  it('handles odd graphs: empty containers, dangling parents, a parent cycle', () => {
    const odd: Graph = {
      nodes: [
        { id: 'vpc-empty', kind: 'vpc', label: 'empty', order: '0', details: {} },
        { id: 'orphan', kind: 'instance', label: 'orphan', parent: 'missing', order: '0', details: {} },
        { id: 'a', kind: 'subnet', label: 'a', parent: 'b', order: '0', details: {} },
        { id: 'b', kind: 'availability-zone', label: 'b', parent: 'a', order: '0', details: {} },
      ],
      edges: [],
    }
    const l = layoutGraph(odd)
    for (const n of odd.nodes) expect(l.positions.has(n.id), n.id).toBe(true)
    expect(l.parents.size).toBe(0)
  })
})

describe('gridArrangement', () => {
  it('picks the column count that shows the grid largest in the viewport', () => {
    const ten = Array.from({ length: 10 }, () => ({ w: 1000, h: 600 }))
    // 3 columns: 3,140 × 2,610 (fit 3.83e-4); 4 columns: 4,210 × 1,940 (3.80e-4); 5: 5,280 × 1,270 (3.03e-4).
    const g = gridArrangement(ten, 1.6, 70, 70)
    expect(g.cols).toBe(3)
    expect([g.w, g.h]).toEqual([3140, 2610])
    expect(g.cells.slice(0, 4)).toEqual([{ x: 0, y: 0 }, { x: 1070, y: 0 }, { x: 2140, y: 0 }, { x: 0, y: 670 }])
    // A wide screen takes more columns; a tall one fewer.
    expect(gridArrangement(ten, 4, 70, 70).cols).toBe(5)
    expect(gridArrangement(ten, 0.5, 70, 70).cols).toBe(2)
  })

  it('sizes each column by its widest box and each row by its tallest', () => {
    // Aspect 4: one column would fit at 1/220, two at 1/150 (510 × 150), three at 4/620.
    const g = gridArrangement([{ w: 100, h: 50 }, { w: 300, h: 20 }, { w: 200, h: 80 }, { w: 50, h: 10 }], 4, 10, 20)
    expect(g.cols).toBe(2)
    expect(g.cells).toEqual([{ x: 0, y: 0 }, { x: 210, y: 0 }, { x: 0, y: 70 }, { x: 210, y: 70 }])
    expect([g.w, g.h]).toEqual([510, 150])
  })

  it('handles nothing and one box', () => {
    expect(gridArrangement([], 1.6, 70, 70)).toEqual({ cells: [], cols: 0, w: 0, h: 0 })
    expect(gridArrangement([{ w: 5, h: 7 }], 1.6, 70, 70)).toEqual({ cells: [{ x: 0, y: 0 }], cols: 1, w: 5, h: 7 })
  })
})
