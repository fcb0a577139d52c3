import { describe, expect, it } from 'vitest'
import type { NetworkAclEntry, Snapshot } from '../../../shared/index.ts'
import { diffSnapshots } from '../../../server/diff/diffSnapshots.ts'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'

const versions: Snapshot[] = generateDemoVersions({}).map(normalize)
const byName = (s: Snapshot, name: string) => s.resources.find((r) => r.name === name)!

describe('the demo story, diffed', () => {
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
