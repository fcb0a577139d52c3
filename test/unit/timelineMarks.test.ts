/** The Timeline chart's data and the rule-text of the diff panel: pure mappings. */
import { describe, expect, it } from 'vitest'
import type { TimelineEntry } from '../../shared/index.ts'
import { LEVEL_STYLE, orderPair, timelineMarks } from '../../web/src/components/timelineMarks.ts'
import { portsText, ruleText } from '../../web/src/components/ruleText.ts'

const entry = (id: string, parent: string | null, changes: TimelineEntry['changes']): TimelineEntry =>
  ({ id, parent, createdAt: `2026-11-0${id}T00:00:00.000Z`, checkedAt: `2026-11-0${id}T00:00:00.000Z`, source: 'discover', resources: 10, changes })
const summary = (highestSeverity: NonNullable<TimelineEntry['changes']>['highestSeverity'], added = 0, removed = 0, modified = 0, exposure = 0) =>
  ({ added, removed, modified, relationships: 0, exposure, highestSeverity })

describe('timelineMarks', () => {
  const marks = timelineMarks([
    entry('1', null, null),
    entry('2', '1', summary('critical', 0, 0, 1, 1)),
    entry('3', '2', summary('low', 5, 0, 2)),
    entry('4', '3', summary(null)),
    entry('5', '4', summary('info', 0, 0, 1, 3)),
  ])

  it('makes one mark per version, in order, with its counts against the parent', () => {
    expect(marks.map((m) => [m.id, m.parent, m.total, m.exposure])).toEqual([['1', null, 0, 0], ['2', '1', 1, 1], ['3', '2', 7, 0], ['4', '3', 0, 0], ['5', '4', 1, 3]])
  })

  it('draws the highest severity by shape and size as well as colour, most severe largest', () => {
    expect(marks.map((m) => m.level)).toEqual(['first', 'critical', 'low', 'none', 'info'])
    const critical = marks[1]!, low = marks[2]!, none = marks[3]!
    expect(critical.shape).toBe('diamond')
    expect(low.shape).toBe('circle')
    expect(critical.area).toBeGreaterThan(low.area)
    expect(low.area).toBeGreaterThan(none.area)
    // Any two levels differ in shape or size, not in colour alone.
    const levels = Object.values(LEVEL_STYLE)
    const looks = new Set(levels.map((l) => `${l.shape}/${l.area}`))
    expect(looks.size).toBe(levels.length)
    expect(LEVEL_STYLE.critical.shape).not.toBe(LEVEL_STYLE.high.shape)
    expect(LEVEL_STYLE.high.shape).not.toBe(LEVEL_STYLE.medium.shape)
  })

  it('orders a picked pair older first, by number not by text', () => {
    expect(orderPair('10', '9')).toEqual({ from: '9', to: '10' })
    expect(orderPair('2', '5')).toEqual({ from: '2', to: '5' })
  })
})

describe('ruleText', () => {
  it('writes security-group rules, NACL entries and routes as one line each', () => {
    expect(ruleText('sg-ingress', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0', Description: 'vendor' })).toBe('tcp 22 from 0.0.0.0/0 ("vendor")')
    expect(ruleText('sg-egress', { IpProtocol: '-1', FromPort: -1, ToPort: -1, ReferencedGroupInfo: { GroupId: 'sg-1' } })).toBe('all all ports to sg-1')
    expect(ruleText('nacl-ingress', { RuleNumber: 110, RuleAction: 'deny', Protocol: '6', PortRange: { From: 80, To: 80 }, CidrBlock: '0.0.0.0/0' })).toBe('#110 deny tcp 80 from 0.0.0.0/0')
    expect(ruleText('routes', { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'blackhole' })).toBe('0.0.0.0/0 → nat-1 (blackhole)')
    expect(ruleText('sg-ingress', undefined)).toBe('—')
  })

  it('writes port ranges by protocol', () => {
    expect(portsText('tcp', 1024, 65535)).toBe('1024-65535')
    expect(portsText('tcp', 0, 65535)).toBe('all ports')
    expect(portsText('icmp', 8, -1)).toBe('type 8')
  })
})
