/** Issue 10: exposure sources are merged across rules before their breadth is judged. */
import { describe, expect, it } from 'vitest'
import { describeSources, sourcesText } from '../../../shared/network/index.ts'
import { exposureFindings } from '../../../server/analysis/exposureFindings.ts'
import { addEni, addNacl, addSg, allowAll, analyze, baseEnv, entry, tcp, traceRows } from './envBuilder.ts'

describe('sources split across rules', () => {
  it('0.0.0.0/1 + 128.0.0.0/1 is one world exposure, critical on SSH, citing both rules', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(22, 22, '0.0.0.0/1')])
    addSg(r, 'sg-b', [tcp(22, 22, '128.0.0.0/1')])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a', 'sg-b'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const { exposures } = analyze(r)
    expect(exposures).toHaveLength(1)
    const e = exposures[0]!
    expect([e.protocol, e.ports, e.sources, e.breadth, e.severity]).toEqual(['tcp', [22, 22], ['0.0.0.0/0'], 'world', 'critical'])
    const sg = e.trace.find((s) => s.check === 'sg')!
    expect([sg.ruleRef, ...(sg.moreRuleRefs ?? [])].map((x) => x?.kind === 'sg-rule' ? `${x.groupId} ${x.peer}` : '')).toEqual(['sg-a 0.0.0.0/1', 'sg-b 128.0.0.0/1'])
    expect(sg.summary).toBe(`security groups sg-a, sg-b rules ${sg.ruleRef?.kind === 'sg-rule' ? sg.ruleRef.securityGroupRuleId : ''}, ${sg.moreRuleRefs![0]!.kind === 'sg-rule' ? sg.moreRuleRefs![0]!.securityGroupRuleId : ''} together allow inbound tcp 22 from the internet`)
    const findings = exposureFindings(exposures)
    expect(findings.map((f) => [f.check, f.severity, f.detail])).toEqual([
      ['ADMIN_PORT_EXPOSED', 'critical', 'eni-1 is reachable directly on 22 from a broad part of the internet.'],
    ])
    expect(sourcesText(e.sources)).toBe('0.0.0.0/0 (the internet)')
  })

  it('one rule of a /1 alone is broad, and still graded by the port', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(22, 22, '0.0.0.0/1')])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const e = analyze(r).exposures[0]!
    expect([e.sources, e.breadth, e.severity]).toEqual([['0.0.0.0/1'], 'broad', 'critical'])
    expect(traceRows(e)[2]).toBe('sg allow sg-a 0.0.0.0/1')
  })

  it('the whole internet but a NACL-denied /24 reads as the internet except that block', () => {
    const r = baseEnv()
    addSg(r, 'sg-a', [tcp(443, 443, '0.0.0.0/0')])
    addNacl(r, 'acl-pub', ['subnet-pub'], [entry(50, false, 'deny', '45.155.205.0/24'), ...allowAll(false), ...allowAll(true)])
    addEni(r, { id: 'eni-1', subnet: 'subnet-pub', groups: ['sg-a'], ip: '10.0.1.10', publicIp: '54.1.2.3' })
    const e = analyze(r).exposures[0]!
    expect([e.breadth, e.severity, e.sources.length]).toEqual(['world', 'low', 24])
    expect(describeSources(e.sources)).toEqual(['0.0.0.0/0 (the internet) except 45.155.205.0/24'])
  })
})

describe('sources as people read them', () => {
  it('names the whole internet per family, keeps narrower sources and prefix lists as written', () => {
    expect(describeSources(['::/1', '8000::/1'])).toEqual(['::/0 (the internet)'])
    expect(describeSources(['2000::/3'])).toEqual(['::/0 (the internet)'])
    expect(describeSources(['0.0.0.0/0', '::/0', 'pl-0123'])).toEqual(['0.0.0.0/0 (the internet)', '::/0 (the internet)', 'pl-0123'])
    expect(describeSources(['0.0.0.0/1'])).toEqual(['0.0.0.0/1'])
    expect(describeSources(['81.2.69.0/24', '10.0.0.0/8'])).toEqual(['81.2.69.0/24', '10.0.0.0/8'])
    expect(sourcesText([])).toBe('nowhere')
    expect(sourcesText(['1.1.1.1/32', '2.2.2.2/32', '3.3.3.3/32', '4.4.4.4/32', '5.5.5.5/32'])).toBe('1.1.1.1/32, 2.2.2.2/32, 3.3.3.3/32 and 2 more')
    expect(sourcesText(['0.0.0.0/2', '128.0.0.0/1', '::/0'])).toBe('0.0.0.0/2, 128.0.0.0/1, ::/0 (the internet)')
  })
})
