/**
 * The diff view's pure parts: the changes list (order, targets in the diagram) and the mapping of
 * statuses to classes and label glyphs, on a hand-built union graph and diff.
 */
import { describe, expect, it } from 'vitest'
import type { Diff, DiffGraph, ExposureChange, RelationshipChange, ResourceChange } from '../../shared/index.ts'
import { diffChangeList } from '../../web/src/diagram/diffChangeList.ts'
import { diffElements, markGlyphs, nodeMarks } from '../../web/src/diagram/diffElements.ts'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
import { toElements } from '../../web/src/diagram/toElements.ts'

type N = DiffGraph['nodes'][number]
const node = (id: string, kind: N['kind'], parent: string | undefined, status: N['status'], details: Record<string, string> = {}): N => ({
  id, kind, label: id, order: id, status, details, ...(parent ? { parent } : {}), ...(kind === 'availability-zone' ? {} : { resourceId: id }),
})

const graph: DiffGraph = {
  nodes: [
    node('vpc-1', 'vpc', undefined, 'unchanged'),
    node('az-a', 'availability-zone', 'vpc-1', 'unchanged'),
    node('subnet-pub', 'subnet', 'az-a', 'unchanged', { tier: 'public' }),
    node('subnet-new', 'subnet', 'az-a', 'added', { tier: 'private' }),
    node('i-bastion', 'instance', 'subnet-pub', 'unchanged', { groups: 'sg-bastion' }),
    node('eni-bastion', 'network-interface', 'subnet-pub', 'unchanged', { groups: 'sg-bastion', owner: 'i-bastion' }),
    node('i-quiet', 'instance', 'subnet-pub', 'unchanged', { groups: 'sg-other' }),
    node('i-new', 'instance', 'subnet-new', 'added'),
    node('i-gone', 'instance', 'subnet-pub', 'removed'),
    node('nat-1', 'nat-gateway', 'subnet-pub', 'modified'),
  ],
  edges: [
    { id: 'interface-of:eni-bastion', kind: 'interface-of', source: 'eni-bastion', target: 'i-bastion', status: 'unchanged' },
    { id: 'route:subnet-new|nat-1', kind: 'route', source: 'subnet-new', target: 'nat-1', status: 'added' },
  ],
}
// The bastion and its interface are named "bastion" in the graph; the ENI's owner gives its name.
graph.nodes[4]!.label = 'bastion'

const rule = (summary: string): ResourceChange['rules'][number] => ({ collection: 'sg-ingress', key: 'tcp/22/0.0.0.0/0', change: 'added', severity: 'critical', summary, after: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' } })
const resource = (id: string, kind: ResourceChange['kind'], change: ResourceChange['change'], severity: ResourceChange['severity'], extra: Partial<ResourceChange> = {}): ResourceChange =>
  ({ id, kind, change, severity, fields: [], rules: [], ...extra })
const exposure = (resourceId: string, change: ExposureChange['change'], severity: ExposureChange['severity'], causeId: string): ExposureChange => ({
  change, severity, resourceId, resourceKind: 'network-interface', protocol: 'tcp', ports: { from: 22, to: 22 },
  sources: ['0.0.0.0/0'], addedSources: ['0.0.0.0/0'], removedSources: [], affected: [],
  causes: [{ resourceId: causeId, collection: 'sg-ingress', key: 'tcp/22/0.0.0.0/0', change: 'added', summary: '+ ingress tcp 22 from 0.0.0.0/0' }],
  summary: `${resourceId} ${change}`,
})
const link: RelationshipChange = {
  resourceId: 'rtb-1', kind: 'route-table', relation: 'subnetIds', before: [], after: ['subnet-new'], added: ['subnet-new'], removed: [], severity: 'low', summary: 'rtb-1 subnetIds: +subnet-new',
}

const diff: Diff = {
  from: { hash: 'a', version: '1' }, to: { hash: 'b', version: '2' }, exposureBasis: 'analysis',
  summary: { added: 2, removed: 1, modified: 3, relationships: 1, exposure: 2, highestSeverity: 'critical' },
  exposure: [exposure('eni-x', 'narrowed', 'info', 'acl-1'), exposure('eni-bastion', 'widened', 'critical', 'sg-bastion')],
  // The server's order, deliberately not the view's: severity ties broken with rule-bearing kinds first.
  resources: [
    resource('i-new', 'instance', 'added', 'low'),
    resource('nat-1', 'nat-gateway', 'modified', 'info', { fields: [{ path: 'attributes.state', before: 'available', after: 'deleted' }] }),
    resource('i-gone', 'instance', 'removed', 'low'),
    resource('rtb-1', 'route-table', 'modified', 'low', { name: 'private-rt' }),
    resource('sg-bastion', 'security-group', 'modified', 'critical', { name: 'bastion-sg', rules: [rule('+ ingress tcp 22 from 0.0.0.0/0')] }),
    resource('subnet-new', 'subnet', 'added', 'low'),
  ],
  relationships: [link],
}

describe('diffChangeList', () => {
  const items = diffChangeList(diff, graph)

  it('puts exposure changes first, most severe first, then resources and links by severity, rule-bearing kinds first', () => {
    expect(items.map((i) => i.key)).toEqual([
      'exposure:1', 'exposure:0',
      'resource:sg-bastion',
      // A route table's own change and its link change (same kind, same severity) before the plain resources.
      'resource:rtb-1', 'relationship:rtb-1:subnetIds', 'resource:i-new', 'resource:i-gone', 'resource:subnet-new',
      'resource:nat-1',
    ])
  })

  it('points each change at the drawn nodes it concerns, the most direct first', () => {
    const by = new Map(items.map((i) => [i.key, i]))
    // The exposed interface itself; its security group, through the exposure it caused, then every carrier.
    expect(by.get('exposure:1')!.targets).toEqual(['eni-bastion'])
    expect(by.get('resource:sg-bastion')!.targets).toEqual(['eni-bastion', 'i-bastion'])
    // A route table is not drawn: its new subnet is.
    expect(by.get('resource:rtb-1')!.targets).toEqual(['subnet-new'])
    expect(by.get('relationship:rtb-1:subnetIds')!.targets).toEqual(['subnet-new'])
    // Nothing drawn for an interface outside this graph.
    expect(by.get('exposure:0')!.targets).toEqual([])
  })

  it('names an interface by its owner, and summarises a change by its rules, fields or links', () => {
    const by = new Map(items.map((i) => [i.key, i]))
    expect(by.get('exposure:1')!.name).toBe('bastion')
    expect(by.get('resource:sg-bastion')!.name).toBe('bastion-sg')
    expect(by.get('resource:sg-bastion')!.summary).toBe('+ ingress tcp 22 from 0.0.0.0/0')
    expect(by.get('resource:nat-1')!.summary).toBe('changed: attributes.state')
    expect(by.get('resource:rtb-1')!.summary).toBe('rtb-1 subnetIds: +subnet-new')
    expect(by.get('resource:i-new')!.summary).toBe('new in this version')
  })
})

describe('diffElements', () => {
  const items = diffChangeList(diff, graph)
  const layout = layoutGraph(graph)
  const classesOf = (els: ReturnType<typeof diffElements>) =>
    new Map(els.map((e) => [String(e.data.id), (e.classes as string[])]))
  const labelOf = (els: ReturnType<typeof diffElements>, id: string) => String(els.find((e) => e.data.id === id)!.data.label)

  it('gives each status its class and glyph, and marks what a change acts on', () => {
    const els = diffElements(graph, layout, items, false)
    const cls = classesOf(els)
    expect(cls.get('i-new')).toContain('diff-added')
    expect(cls.get('subnet-new')).toContain('diff-added')
    expect(cls.get('i-gone')).toContain('diff-removed')
    expect(cls.get('nat-1')).toContain('diff-modified')
    expect(cls.get('eni-bastion')).toEqual(expect.arrayContaining(['diff-unchanged', 'diff-exposure-up', 'diff-affected']))
    expect(cls.get('i-bastion')).toEqual(expect.arrayContaining(['diff-unchanged', 'diff-affected']))
    expect(cls.get('i-quiet')).toEqual(expect.arrayContaining(['diff-unchanged', 'diff-quiet']))
    expect(cls.get('i-bastion')).not.toContain('diff-quiet')
    expect(cls.get('route:subnet-new|nat-1')).toContain('diff-added')
    expect(cls.get('interface-of:eni-bastion')).toContain('diff-unchanged')
    // Glyphs: never colour alone.
    expect(labelOf(els, 'i-new').startsWith('+ ')).toBe(true)
    expect(labelOf(els, 'i-gone').startsWith('− ')).toBe(true)
    expect(labelOf(els, 'nat-1').startsWith('~ ')).toBe(true)
    expect(labelOf(els, 'eni-bastion').startsWith('▲ ')).toBe(true)
    expect(labelOf(els, 'i-bastion').startsWith('! ')).toBe(true)
    expect(labelOf(els, 'i-quiet')).not.toMatch(/^[+−~▲▼!]/)
    expect(els.some((e) => (e.classes as string[]).includes('diff-hidden'))).toBe(false)
  })

  it('keeps every position of the plain mapping: the diff only adds classes and glyphs', () => {
    const plain = toElements(graph, layout)
    const els = diffElements(graph, layout, items, true)
    expect(els.map((e) => [e.data.id, e.position])).toEqual(plain.map((e) => [e.data.id, e.position]))
  })

  it('"changes only" hides unchanged elements and the containers that hold no change', () => {
    const hidden = new Set(diffElements(graph, layout, items, true).filter((e) => (e.classes as string[]).includes('diff-hidden')).map((e) => String(e.data.id)))
    expect([...hidden].sort()).toEqual(['i-quiet', 'interface-of:eni-bastion'])
    // With one change only, its containers stay and everything else goes.
    const onlyNew: Diff = { ...diff, exposure: [], resources: [resource('i-new', 'instance', 'added', 'low')], relationships: [] }
    const g: DiffGraph = { nodes: graph.nodes.map((n) => ({ ...n, status: n.id === 'i-new' ? 'added' : 'unchanged' })), edges: graph.edges.map((e) => ({ ...e, status: 'unchanged' })) }
    const shown = diffElements(g, layoutGraph(g), diffChangeList(onlyNew, g), true)
      .filter((e) => !(e.classes as string[]).includes('diff-hidden')).map((e) => String(e.data.id))
    expect(shown.sort()).toEqual(['az-a', 'i-new', 'subnet-new', 'vpc-1'])
  })

  it('orders glyphs status first, then exposure; an exposure change outranks the indirect mark', () => {
    const marks = nodeMarks(graph, items)
    expect(markGlyphs(marks.get('eni-bastion')!)).toBe('▲')
    expect(markGlyphs({ status: 'modified', exposure: 'down', affected: false })).toBe('~▼')
    expect(markGlyphs({ status: 'unchanged', exposure: null, affected: false })).toBe('')
  })
})
