import { describe, expect, it } from 'vitest'
import type { Diff, Graph } from '../../../shared/index.ts'
import { diffGraph } from '../../../server/diff/diffGraph.ts'

const node = (id: string, label = id, parent?: string) => ({ id, kind: 'instance' as const, label, resourceId: id, order: id, details: {}, ...(parent ? { parent } : {}) })
const edge = (id: string, source: string, target: string) => ({ id, kind: 'interface-of' as const, source, target })
const diff = (modified: string[], relationships: string[] = []): Diff => ({
  from: { hash: 'a' }, to: { hash: 'b' }, exposureBasis: 'rules',
  summary: { added: 0, removed: 0, modified: modified.length, relationships: 0, exposure: 0, highestSeverity: 'info' },
  exposure: [], relationships: relationships.map((id) => ({ resourceId: id, kind: 'network-interface', relation: 'subnetId', before: [], after: [], added: [], removed: [], severity: 'low', summary: '' })),
  resources: modified.map((id) => ({ id, kind: 'instance', change: 'modified', severity: 'info', fields: [], rules: [] })),
})

describe('diffGraph', () => {
  it('marks every node and edge of the union added, removed, modified or unchanged', () => {
    const a: Graph = { nodes: [node('keep'), node('gone'), node('edited'), node('moved', 'moved', 'p1'), node('rel')], edges: [edge('e1', 'keep', 'gone'), edge('e2', 'keep', 'edited')] }
    const b: Graph = { nodes: [node('keep'), node('new'), node('edited'), node('moved', 'moved', 'p2'), node('rel')], edges: [edge('e2', 'keep', 'edited'), edge('e3', 'keep', 'new')] }
    const g = diffGraph(a, b, diff(['edited'], ['rel']))
    expect(g.nodes.map((n) => [n.id, n.status])).toEqual([
      ['keep', 'unchanged'], ['new', 'added'], ['edited', 'modified'], ['moved', 'modified'], ['rel', 'modified'], ['gone', 'removed'],
    ])
    expect(g.edges.map((e) => [e.id, e.status])).toEqual([['e2', 'unchanged'], ['e3', 'added'], ['e1', 'removed']])
  })
})
