/** The Security view's level of detail: VPCs collapsed to their groups' box, bundled edges, expansion in place. */
import { describe, expect, it } from 'vitest'
import type { SecurityGraph, SecurityGraphEdge, SecurityGraphNode } from '../../shared/index.ts'
import { layoutSecurityGraph } from '../../web/src/diagram/securityLayout.ts'
import { SECURITY_LOD_GROUPS, buildSecurityLodIndex, securityLodElements, securityVpcsInView } from '../../web/src/diagram/securityLod.ts'
import { toSecurityElements } from '../../web/src/diagram/toSecurityElements.ts'

/** Two VPCs of `n` groups: every 5th admits the internet, each group admits the one before it; vpc-b's first admits vpc-a's first (peered). */
function twoVpcs(n: number): SecurityGraph {
  const nodes: SecurityGraphNode[] = [{ id: 'internet', kind: 'internet', label: 'Internet', details: {} }]
  const edges: SecurityGraphEdge[] = []
  const edge = (source: string, target: string, label: string): SecurityGraphEdge =>
    ({ id: `ingress:${source}|${target}`, kind: 'ingress', source, target, label, ports: [label], ruleIds: [`sgr-${source}-${target}`] })
  for (const v of ['a', 'b']) {
    nodes.push({ id: `vpc-${v}`, kind: 'vpc', label: `vpc ${v}`, details: {} })
    for (let i = 0; i < n; i++) {
      const id = `sg-${v}${i}`
      nodes.push({ id, kind: 'security-group', label: `group ${v}${i}`, parent: `vpc-${v}`, resourceId: id, details: {} })
      if (i % 5 === 0) edges.push(edge('internet', id, 'tcp/443'))
      if (i > 0) edges.push(edge(`sg-${v}${i - 1}`, id, 'tcp/8080'))
    }
  }
  edges.push(edge('sg-a0', 'sg-b0', 'tcp/5432'))
  return { nodes, edges, groups: [], nacls: [] }
}

describe('security level of detail', () => {
  const graph = twoVpcs(20)
  const layout = layoutSecurityGraph(graph)
  const index = buildSecurityLodIndex(graph, layout)
  const byId = (els: ReturnType<typeof securityLodElements>) => new Map(els.map((e) => [String(e.data.id), e]))

  it('starts above a few hundred groups', () => {
    expect(SECURITY_LOD_GROUPS).toBeGreaterThanOrEqual(200)
    expect(SECURITY_LOD_GROUPS).toBeLessThanOrEqual(1000)
  })

  it('collapses each VPC to the box its groups take, labelled with its counts', () => {
    const els = byId(securityLodElements(graph, layout, index, new Set()))
    expect([...els.values()].filter((e) => e.data.kind === 'security-group')).toEqual([])
    const a = els.get('vpc-a')!
    expect(a.classes).toEqual(['sg-vpc', 'collapsed'])
    expect(a.data.label).toBe('vpc a · vpc-a\n20 security groups · 4 open to the internet')
    // The box spans exactly the groups' nodes plus the VPC padding.
    const xs = graph.nodes.filter((n) => n.parent === 'vpc-a').map((n) => layout.positions.get(n.id)!)
    const box = index.boxes.get('vpc-a')!
    expect(box.x).toBeCloseTo(Math.min(...xs.map((p) => p.x)) - 224 / 2 - 26, 6)
    expect(box.y).toBeCloseTo(Math.min(...xs.map((p) => p.y)) - 52 / 2 - 26, 6)
    expect(a.position).toEqual({ x: box.x + box.w / 2, y: box.y + box.h / 2 })
    expect([a.data.w, a.data.h]).toEqual([box.w, box.h])
  })

  it('bundles the edges into a collapsed VPC, one per ends with a count, and drops those inside one', () => {
    const els = securityLodElements(graph, layout, index, new Set())
    const edges = els.filter((e) => e.group === 'edges').map((e) => [e.data.id, e.data.count, e.data.edgeLabel])
    expect(edges).toEqual([
      ['bundle:internet|vpc-a', 4, '4 rules'],
      ['bundle:internet|vpc-b', 4, '4 rules'],
      ['bundle:vpc-a|vpc-b', 1, '1 rule'],
    ])
  })

  it('expands a VPC in place: its groups where the full layout puts them, edges to the other VPC bundled', () => {
    const els = byId(securityLodElements(graph, layout, index, new Set(['vpc-a'])))
    const full = byId(toSecurityElements(graph, layout))
    for (let i = 0; i < 20; i++) expect(els.get(`sg-a${i}`)).toEqual(full.get(`sg-a${i}`))
    expect(els.get('vpc-a')).toEqual(full.get('vpc-a'))
    expect(els.get('ingress:internet|sg-a0')).toEqual(full.get('ingress:internet|sg-a0'))
    expect(els.get('bundle:sg-a0|vpc-b')!.data.count).toBe(1)
    expect(els.has('sg-b0')).toBe(false)
    // Everything expanded is the full diagram.
    const all = securityLodElements(graph, layout, index, new Set(['vpc-a', 'vpc-b']))
    expect(all).toEqual(toSecurityElements(graph, layout))
  })

  it('expands the VPCs in view when zoomed in, within a budget of groups', () => {
    const a = index.boxes.get('vpc-a')!, b = index.boxes.get('vpc-b')!
    const around = (box: typeof a) => ({ x1: box.x, y1: box.y, x2: box.x + box.w, y2: box.y + box.h })
    expect(securityVpcsInView(index, around(a), 0.1, 0.3, 600)).toEqual([])
    expect(securityVpcsInView(index, around(a), 0.5, 0.3, 600)).toEqual(['vpc-a'])
    const both = { x1: Math.min(a.x, b.x), y1: Math.min(a.y, b.y), x2: Math.max(a.x + a.w, b.x + b.w), y2: Math.max(a.y + a.h, b.y + b.h) }
    expect(securityVpcsInView(index, both, 0.5, 0.3, 600).sort()).toEqual(['vpc-a', 'vpc-b'])
    expect(securityVpcsInView(index, both, 0.5, 0.3, 30)).toHaveLength(1)
  })
})
