import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take longest, longest first (durations measured on this project's 2-core machine).
 * Without a results cache (a clean clone, CI) vitest starts larger files first, and these are small
 * files that spend their time in other processes (a million-rule import, moto, the aws CLI): started
 * last, one of them ran alone for minutes after everything else had finished. Started first, the rest
 * of the suite fills the other worker around them.
 */
export const SLOW_FILES = [
  'test/integration/importMillionRules.test.ts',
  'test/integration/discovery.test.ts',
  'test/integration/discoveryAllRegions.test.ts',
  'test/integration/cloudTrailAttribution.test.ts',
  'test/integration/watchCli.test.ts',
  'test/integration/compiledCli.test.ts',
  'test/integration/faults.test.ts',
]

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const i = SLOW_FILES.findIndex((s) => f.moduleId.endsWith(s))
      return i === -1 ? SLOW_FILES.length : i
    }
    // Stable: files not listed keep vitest's order.
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f)
  }
}
