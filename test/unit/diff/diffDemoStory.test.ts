import { describe, expect, it } from 'vitest'
import type { NetworkAclEntry, Snapshot } from '../../../shared/index.ts'
import { diffSnapshots } from '../../../server/diff/diffSnapshots.ts'
import { diffVersions } from '../../../server/diff/diffVersions.ts'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'

const versions: Snapshot[] = generateDemoVersions({}).map(normalize)
const byName = (s: Snapshot, name: string) => s.resources.find((r) => r.name === name)!

describe('the demo story, diffed on security-group rules alone', () => {
  const bastionSg = byName(versions[0]!, 'prod-bastion-sg').id

  it('lists the SSH port opened to the world first, with its exposure effect and the rule that caused it', () => {
    for (const [from, to] of [[0, 1], [0, 4]] as const) {
      const d = diffSnapshots(versions[from]!, versions[to]!)
      expect(d.summary.highestSeverity).toBe('critical')
      expect(d.exposure[0]).toMatchObject({
        severity: 'critical', resourceId: bastionSg, protocol: 'tcp', ports: { from: 22, to: 22 }, addedSources: ['0.0.0.0/0'],
      })
      expect(['newly-exposed', 'widened']).toContain(d.exposure[0]!.change)
      expect(d.exposure[0]!.affected.length).toBeGreaterThan(0)
      expect(d.exposure[0]!.causes).toEqual([expect.objectContaining({ resourceId: bastionSg, key: 'tcp/22/0.0.0.0/0', change: 'added' })])
      expect(d.resources[0]).toMatchObject({ id: bastionSg, severity: 'critical', change: 'modified' })
      expect(d.resources[0]!.rules.map((r) => r.summary)).toEqual(['+ ingress tcp 22 from 0.0.0.0/0 ("temporary: vendor support session")'])
    }
  })

  it('version 2 → 3: a subnet added, and attached to its route table and NACL', () => {
    const d = diffSnapshots(versions[1]!, versions[2]!)
    const subnet = d.resources.find((r) => r.kind === 'subnet')!
    expect(subnet).toMatchObject({ change: 'added', name: 'staging-private-c' })
    expect(d.relationships.map((r) => [r.kind, r.relation, r.added])).toEqual(expect.arrayContaining([
      ['route-table', 'subnetIds', [subnet.id]], ['network-acl', 'subnetIds', [subnet.id]],
    ]))
    expect(d.exposure.filter((e) => e.severity !== 'info')).toEqual([])
  })

  it('version 3 → 4: an instance removed with its interface', () => {
    const d = diffSnapshots(versions[2]!, versions[3]!)
    const removed = d.resources.filter((r) => r.change === 'removed')
    expect(removed.map((r) => r.kind).sort()).toEqual(['instance', 'network-interface'])
    expect(removed.find((r) => r.kind === 'instance')!.name).toBe('prod-worker-2')
  })

  it('version 4 → 5: the tightened NACL rule is one modified entry, not a removal and an addition, and opens nothing', () => {
    const d = diffSnapshots(versions[3]!, versions[4]!)
    const acl = d.resources.find((r) => r.name === 'prod-public-nacl')!
    expect(acl.rules).toHaveLength(1)
    expect(acl.rules[0]).toMatchObject({ collection: 'nacl-ingress', key: '110', change: 'modified', severity: 'info' })
    expect((acl.rules[0]!.after as NetworkAclEntry).RuleAction).toBe('deny')
    expect(d.summary.highestSeverity).toBe('info')
  })

  it('read backwards, the story closes the port again', () => {
    const d = diffSnapshots(versions[1]!, versions[0]!)
    expect(d.exposure[0]).toMatchObject({ resourceId: bastionSg, ports: { from: 22, to: 22 }, removedSources: ['0.0.0.0/0'], severity: 'info' })
    expect(['narrowed', 'no-longer-exposed']).toContain(d.exposure[0]!.change)
  })
})

describe('the demo story, diffed with exposure analysis', () => {
  const v = (i: number) => ({ id: String(i + 1), snapshot: versions[i]! })
  const bastionSg = byName(versions[0]!, 'prod-bastion-sg').id
  const bastionEni = versions[0]!.resources.find((r) => r.kind === 'network-interface' && (r.attributes.groupIds as string[]).includes(bastionSg))!.id

  it('lists first the bastion interface the internet can now reach on 22, caused by the new group rule', () => {
    const d = diffVersions(v(0), v(4))
    expect(d.exposureBasis).toBe('analysis')
    expect(d.exposure[0]).toMatchObject({
      change: 'widened', severity: 'critical', resourceId: bastionEni, resourceKind: 'network-interface', protocol: 'tcp', ports: { from: 22, to: 22 },
    })
    // Before, only the office could reach it; now (nearly) the whole IPv4 internet can.
    expect(d.exposure[0]!.removedSources).toEqual([])
    expect(d.exposure[0]!.summary).toMatch(new RegExp(`^${bastionEni} widened: tcp 22 now from 0\\.0\\.0\\.0/0 \\(the internet\\) except 45\\.155\\.205\\.0/24 \\(was 81\\.2\\.69\\.0/24\\)$`))
    expect(d.exposure[0]!.causes).toEqual([expect.objectContaining({ resourceId: bastionSg, collection: 'sg-ingress', key: 'tcp/22/0.0.0.0/0', change: 'added' })])
  })

  it('shows the tightened NACL as HTTP over IPv4 no longer reaching the web tier, caused by entry 110', () => {
    const d = diffVersions(v(3), v(4))
    const acl = byName(versions[4]!, 'prod-public-nacl').id
    expect(d.exposure.length).toBeGreaterThan(0)
    for (const e of d.exposure) {
      expect(e).toMatchObject({ change: 'narrowed', severity: 'info', protocol: 'tcp', ports: { from: 80, to: 80 }, sources: ['::/0'] })
      expect(e.causes).toEqual([expect.objectContaining({ resourceId: acl, collection: 'nacl-ingress', key: '110', change: 'modified' })])
    }
  })
})
