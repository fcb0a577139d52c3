import { describe, expect, it } from 'vitest'
import type { Exposure, Finding, SecurityGroupInfo } from '../../shared/index.ts'
import { layoutGraph } from '../../web/src/diagram/layout.ts'
import { escapeXml } from '../../web/src/export/escapeXml.ts'
import { exposuresToCsv } from '../../web/src/export/exposuresToCsv.ts'
import { findingsToCsv } from '../../web/src/export/findingsToCsv.ts'
import { rulesToCsv } from '../../web/src/export/rulesToCsv.ts'
import { csvCell, toCsv } from '../../web/src/export/toCsv.ts'
import { toDrawio } from '../../web/src/export/toDrawio.ts'
import { toSvg, type SvgBox } from '../../web/src/export/toSvg.ts'
import { makeGraph } from './lodFixture.ts'
import { parseXml } from './exportXml.ts'

const HOSTILE = `<img src=x onerror=alert(1)> "><script>&amp; 'q'\n\u0001`

describe('the XML checker the export tests rely on', () => {
  it('rejects what is not well-formed', () => {
    for (const bad of ['<a><b></a></b>', '<a x="<"/>', '<a>&nope;</a>', '<a>&</a>', '<a x="1" x="2"/>', '<a/><b/>', '<a>', 'text']) {
      expect(() => parseXml(bad), bad).toThrow()
    }
    expect(parseXml('<a x="&lt;&#10;"><b/></a>')[1].parent!.attrs.x).toBe('<\n')
  })
})

describe('escapeXml', () => {
  it('keeps hostile text as text, line breaks included', () => {
    const [el] = parseXml(`<a v="${escapeXml(HOSTILE)}">${escapeXml(HOSTILE)}</a>`)
    expect(el.attrs.v).toBe(HOSTILE.replace('\u0001', ''))
    expect(el.text).toBe(HOSTILE.replace('\u0001', ''))
  })
})

describe('toDrawio', () => {
  const graph = makeGraph({ vpcs: 2, azs: 2, subnetsPerAz: 2, enisPerSubnet: 3 })
  graph.nodes.find((n) => n.id === 'eni-0-0-0-0')!.label = HOSTILE
  const layout = layoutGraph(graph)
  const xml = toDrawio(graph, layout, 'demo <v5>')
  const els = parseXml(xml)
  const objects = els.filter((e) => e.name === 'object')
  const byCell = new Map(objects.map((o) => [o.attrs.id, o]))

  it('parses, with the mandatory cells, one object per node and per edge, each keeping its id', () => {
    expect(els[0].name).toBe('mxfile')
    const cells = els.filter((e) => e.name === 'mxCell')
    expect(cells.slice(0, 2).map((c) => c.attrs)).toEqual([{ id: '0' }, { id: '1', parent: '0' }])
    const nodeIds = objects.filter((o) => o.attrs.vpclensKind !== 'interface-of').map((o) => o.attrs.vpclensId)
    for (const n of graph.nodes) expect(nodeIds, n.id).toContain(n.id)
    expect(objects).toHaveLength(graph.nodes.length + graph.edges.length)
    expect(new Set(objects.map((o) => o.attrs.id)).size).toBe(objects.length)
  })

  it('keeps the nesting through parent, with geometry relative to the parent box', () => {
    const cellOf = (id: string) => objects.find((o) => o.attrs.vpclensId === id)!
    const mx = (o: ReturnType<typeof cellOf>) => els.find((e) => e.parent === o && e.name === 'mxCell')!
    const geo = (o: ReturnType<typeof cellOf>) => els.find((e) => e.parent === mx(o) && e.name === 'mxGeometry')!.attrs
    for (const [child, parent] of [['eni-0-0-0-0', 'subnet-0-0-0'], ['subnet-0-0-0', 'az:vpc-0:us-east-1a'], ['az:vpc-0:us-east-1a', 'vpc-0']]) {
      const c = cellOf(child), p = cellOf(parent)
      expect(byCell.get(mx(c).attrs.parent)!.attrs.vpclensId, child).toBe(parent)
      expect(Number(geo(c).x)).toBeCloseTo(layout.boxes.get(child)!.x - layout.boxes.get(parent)!.x, 1)
      expect(Number(geo(c).y)).toBeCloseTo(layout.boxes.get(child)!.y - layout.boxes.get(parent)!.y, 1)
      expect(Number(geo(c).width)).toBeCloseTo(layout.boxes.get(child)!.w, 1)
    }
    expect(mx(cellOf('vpc-0')).attrs.parent).toBe('1')
    // A parent's cell comes before its children's.
    const order = new Map(objects.map((o, i) => [o.attrs.id, i]))
    for (const o of objects) {
      const p = els.find((e) => e.parent === o && e.name === 'mxCell')!.attrs.parent
      if (p !== '1') expect(order.get(p)!, o.attrs.vpclensId).toBeLessThan(order.get(o.attrs.id)!)
    }
  })

  it('keeps labels as plain text and edges pointing at node cells', () => {
    const eni = objects.find((o) => o.attrs.vpclensId === 'eni-0-0-0-0')!
    expect(eni.attrs.label).toContain('<img src=x onerror=alert(1)>'.slice(0, 17))
    expect(xml).not.toContain('<img')
    expect(xml).not.toContain('html=1')
    const edge = objects.find((o) => o.attrs.vpclensKind === 'interface-of')!
    const cell = els.find((e) => e.parent === edge && e.name === 'mxCell')!.attrs
    expect(byCell.get(cell.source)!.attrs.vpclensKind).toBe('network-interface')
    expect(byCell.get(cell.target)!.attrs.vpclensKind).toBe('instance')
  })
})

describe('toSvg', () => {
  const box = (id: string, label: string, layer: 'back' | 'front', x: number): SvgBox => ({
    id, x, y: 10, w: 100, h: 40, fill: '#fff', stroke: '#000', strokeWidth: 1, label, textColour: '#111', fontSize: 10, labelAt: 'center', layer,
  })
  it('is well-formed SVG with escaped, multi-line labels and a viewBox around everything', () => {
    const svg = toSvg([box('vpc', 'prod', 'back', 0), box('eni', `ENI 10.0.0.1\n${HOSTILE}`, 'front', 200)], [{ x1: 50, y1: 30, x2: 250, y2: 30, colour: '#999', width: 1 }])
    const els = parseXml(svg)
    expect(els[0].name).toBe('svg')
    expect(els[0].attrs.xmlns).toBe('http://www.w3.org/2000/svg')
    expect(els[0].attrs.viewBox).toBe('-20 -10 340 80')
    const tspans = els.filter((e) => e.name === 'tspan').map((e) => e.text)
    expect(tspans).toEqual(['prod', 'ENI 10.0.0.1', `<img src=x onerror=alert(1)> "><script>&amp; 'q'`, ''])
    expect(svg).not.toContain('<script')
    // Containers under edges under resources.
    const names = els.map((e) => e.name === 'g' ? e.attrs['data-id'] : e.name).filter((n) => ['vpc', 'eni', 'line'].includes(n))
    expect(names).toEqual(['vpc', 'line', 'eni'])
  })
})

describe('CSV', () => {
  it('quotes separators, quotes and line breaks, and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    for (const f of ['+1', '-1+2', '@SUM(A1)', '\tx']) expect(csvCell(f).replace(/^"/, '')[0], f).toBe("'")
    expect(csvCell(null)).toBe('')
    expect(csvCell(22)).toBe('22')
    expect(toCsv(['a', 'b'], [['1', 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n')
  })

  it('writes findings, exposures and security-group rules with one row each', () => {
    const finding: Finding = { id: 'f1', check: 'ADMIN_PORT_EXPOSED', severity: 'critical', title: 'SSH open to the world', resourceIds: ['eni-1', 'sg-1'], detail: '=cmd|x', ports: [[22, 22], [0, 65535]], sources: ['0.0.0.0/0'] }
    const f = findingsToCsv([finding]).split('\r\n')
    expect(f[0]).toBe('severity,check,title,resources,ports,sources,detail,id,accepted')
    expect(f[1]).toBe("critical,ADMIN_PORT_EXPOSED,SSH open to the world,eni-1;sg-1,22;all,0.0.0.0/0,'=cmd|x,f1,")
    const accepted = { ...finding, accepted: { index: 0, line: 7, reason: '=bastion, SEC-412', owner: 'sre', expires: '2027-01-31' } }
    expect(findingsToCsv([accepted]).split('\r\n')[1]).toBe(`critical,ADMIN_PORT_EXPOSED,SSH open to the world,eni-1;sg-1,22;all,0.0.0.0/0,'=cmd|x,f1,"policy line 7: =bastion, SEC-412 (sre), until 2027-01-31"`)
    const exposure = { id: 'x1', eni: 'eni-1', resource: 'i-1', vpcId: 'vpc-1', subnetId: 'subnet-1', protocol: 'tcp', ports: [8000, 8100], sources: ['0.0.0.0/0', '::/0'], breadth: 'world', via: 'direct', completeness: 'full', severity: 'high', caveats: [], trace: [] } as Exposure
    expect(exposuresToCsv([exposure]).split('\r\n')[1]).toBe('high,eni-1,i-1,vpc-1,subnet-1,tcp,8000-8100,0.0.0.0/0;::/0,world,direct,full,x1,')
    const sg: SecurityGroupInfo = {
      id: 'sg-1', name: 'web', description: 'd', vpcId: 'vpc-1', members: [], naclIds: [],
      ingress: [
        { id: 'sgr-1', direction: 'ingress', ports: 'tcp/22', peer: '10.0.0.0/8', peerKind: 'cidr', description: '@admin, "ops"' },
        { id: 'sgr-3', direction: 'ingress', ports: 'tcp/443', peer: 'sg-2', peerKind: 'security-group', peerName: '=evil()', peeringConnectionId: 'pcx-1' },
      ],
      egress: [{ id: 'sgr-2', direction: 'egress', ports: 'all', peer: '0.0.0.0/0', peerKind: 'internet' }],
    }
    expect(rulesToCsv([sg]).split('\r\n')).toEqual([
      'group,group_name,vpc,direction,ports,peer,peer_kind,peer_name,peering,description,rule_id',
      `sg-1,web,vpc-1,ingress,tcp/22,10.0.0.0/8,cidr,,,"'@admin, ""ops""",sgr-1`,
      "sg-1,web,vpc-1,ingress,tcp/443,sg-2,security-group,'=evil(),pcx-1,,sgr-3",
      'sg-1,web,vpc-1,egress,all,0.0.0.0/0,internet,,,,sgr-2',
      '',
    ])
  })
})
