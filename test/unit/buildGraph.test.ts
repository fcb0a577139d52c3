import { describe, expect, it } from 'vitest'
import { buildGraph } from '../../server/graph/buildGraph.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { smallInventory } from '../fixtures/smallInventory.ts'

describe('buildGraph', () => {
  const graph = buildGraph(normalize(smallInventory()).resources)
  const node = (id: string) => graph.nodes.find((n) => n.id === id)

  it('nests VPC > availability zone > subnet > resources', () => {
    expect(node('vpc-1')?.parent).toBeUndefined()
    expect(node('az:vpc-1:eu-west-1a')).toMatchObject({ kind: 'availability-zone', parent: 'vpc-1' })
    expect(node('subnet-pub')).toMatchObject({ parent: 'az:vpc-1:eu-west-1a', details: { tier: 'public', cidr: '10.0.1.0/24' } })
    expect(node('subnet-priv')?.parent).toBe('az:vpc-1:eu-west-1b')
    expect(node('i-web')).toMatchObject({ parent: 'subnet-pub', label: 'web-1' })
    expect(node('eni-web')?.parent).toBe('subnet-pub')
    expect(node('igw-1')?.parent).toBe('vpc-1')
  })

  it('draws no node for resources that are not on the diagram (rules, route tables, ACLs)', () => {
    expect(node('sg-web')).toBeUndefined()
    expect(node('rtb-pub')).toBeUndefined()
    expect(node('acl-1')).toBeUndefined()
  })

  it('links ENIs to owners and subnets to their default gateway, as sets of [source, kind, target]', () => {
    const tuples = new Set(graph.edges.map((e) => `${e.source} ${e.kind} ${e.target}`))
    expect(tuples).toEqual(new Set(['eni-web interface-of i-web', 'subnet-pub route igw-1']))
  })

  it('every parent exists and ids are unique', () => {
    const ids = new Set(graph.nodes.map((n) => n.id))
    expect(ids.size).toBe(graph.nodes.length)
    for (const n of graph.nodes) if (n.parent) expect(ids.has(n.parent)).toBe(true)
    for (const e of graph.edges) { expect(ids.has(e.source)).toBe(true); expect(ids.has(e.target)).toBe(true) }
  })
})
