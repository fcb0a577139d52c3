/**
 * Incremental exposure (the parent's facts, recomputing only what a change can move) must equal full
 * exposure analysis of the new version. Random edits of every kind analysis reads, on the demo
 * environment; chains of versions where each parent's facts are themselves incremental; several seeds.
 */
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '../../../shared/index.ts'
import { generateDemoVersions } from '../../../server/demo/index.ts'
import type { ChangedResource } from '../../../server/diff/diffFromFacts.ts'
import { incrementalExposure } from '../../../server/diff/incrementalExposure.ts'
import { analyzeVersionFacts } from '../../../server/diff/storedVersionFacts.ts'
import { exposurePart, versionFacts } from '../../../server/diff/versionFacts.ts'
import { analyzeExposure } from '../../../server/analysis/analyzeExposure.ts'
import { compileModel } from '../../../server/analysis/compileModel.ts'
import { hashResource } from '../../../server/snapshot/hashSnapshot.ts'
import { normalize } from '../../../server/snapshot/normalize.ts'
import { EDIT_KINDS, editSnapshot, seededRandom } from '../../support/randomNetworkEdits.ts'

const base = normalize(generateDemoVersions({})[0]!)

/** What the store's changedResources gives, from two snapshots in memory. */
function changedBetween(a: Snapshot, b: Snapshot): ChangedResource[] {
  const before = new Map(a.resources.map((r) => [r.id, r]))
  const after = new Map(b.resources.map((r) => [r.id, r]))
  return [...new Set([...before.keys(), ...after.keys()])].sort()
    .filter((id) => (before.get(id) && hashResource(before.get(id)!)) !== (after.get(id) && hashResource(after.get(id)!)))
    .map((id) => ({ id, ...(before.has(id) ? { before: before.get(id) } : {}), ...(after.has(id) ? { after: after.get(id) } : {}) }))
}

describe('incremental exposure equals full exposure analysis', () => {
  let incremental = 0
  let fallbacks = 0
  let moved = 0
  // Without the edits that force a full analysis (prefix lists), so most steps run incrementally.
  const local = EDIT_KINDS.filter((k) => k !== 'prefix-list')
  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
    it(`seed ${seed}: a chain of 8 versions, each from its parent's facts`, () => {
      const rand = seededRandom(seed)
      let snapshot = base
      let facts = analyzeVersionFacts(base)
      for (let v = 1; v <= 8; v++) {
        const next = editSnapshot(snapshot, rand, 1 + Math.floor(rand() * 4), `i${seed}v${v}`, seed % 4 === 0 ? EDIT_KINDS : local)
        // The oracle: exposure analysis of the whole snapshot, every group compiled.
        const full = versionFacts(next.snapshot, exposurePart(analyzeExposure(compileModel(next.snapshot))))
        expect(analyzeVersionFacts(next.snapshot)).toEqual(full)
        const part = incrementalExposure(next.snapshot, facts, snapshot.warnings, changedBetween(snapshot, next.snapshot))
        if (part) {
          incremental++
          const got = versionFacts(next.snapshot, part)
          expect(got, `seed ${seed} version ${v}: ${next.edits.join('; ')}`).toEqual(full)
          if (JSON.stringify(full.facts) !== JSON.stringify(facts.facts)) moved++
          facts = got
        } else {
          fallbacks++
          facts = full
        }
        snapshot = next.snapshot
      }
    })
  }
  it('ran incrementally for most versions, on changes that moved exposure', () => {
    expect(incremental).toBeGreaterThan(40)
    expect(moved).toBeGreaterThan(10)
    expect(fallbacks).toBeGreaterThan(0)
  })
})
