/**
 * A story of versions for the randomized stored-diff tests: the demo environment, then versions of 1–5
 * random edits each (randomNetworkEdits); in stories of even seeds one version was collected without
 * route tables (its verdicts there are unknown). Deterministic per seed.
 */
import type { Snapshot } from '../../shared/index.ts'
import { generateDemoVersions } from '../../server/demo/index.ts'
import { normalize } from '../../server/snapshot/normalize.ts'
import { editSnapshot, seededRandom } from './randomNetworkEdits.ts'

let demoBase: Snapshot | undefined
/** The demo environment's first version, normalized (built once per process). */
export const demoBaseSnapshot = (): Snapshot => (demoBase ??= normalize(generateDemoVersions({})[0]!))

/** Warnings that leave verdicts unknown: route tables not collected where the demo lives. */
export const notCollected = (s: Snapshot): Snapshot => ({
  ...s,
  warnings: [{ account: s.accounts[0]!, region: s.regions[0]!, service: 'ec2', operation: 'DescribeRouteTables', code: 'AccessDenied', message: 'not allowed' }],
})

/** `versions` snapshots (the demo base first) and the edits that made each (none for the base). */
export function randomVersionStory(seed: number, versions = 7): { snapshots: Snapshot[]; edits: string[][] } {
  const rand = seededRandom(seed)
  const snapshots: Snapshot[] = [demoBaseSnapshot()]
  const edits: string[][] = [[]]
  for (let v = 1; v < versions; v++) {
    const next = editSnapshot(snapshots[v - 1]!, rand, 1 + Math.floor(rand() * 5), `s${seed}v${v}`)
    snapshots.push(v === 4 && seed % 2 === 0 ? notCollected(next.snapshot) : { ...next.snapshot, warnings: [] })
    edits.push(next.edits)
  }
  return { snapshots, edits }
}

/** The time of a story's version `i`, for PutMeta. */
export const storyTime = (i: number): string => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
