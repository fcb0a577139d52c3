/**
 * One line of a benchmark's figures for the table `npm run bench` prints at the end (bench/run.ts):
 * `::summary {json}`. Benchmarks print it next to their own, fuller output.
 */
export const SUMMARY_PREFIX = '::summary '

export interface ScaleSummary { kind: 'scale'; enis: number; diffMs: number; diffRssMb?: number; incrementalMs?: number; fullMs: number; normalizeMs: number; recordMs: number; readMs: number }
export interface WebSummary { kind: 'web'; enis: number; config: string; firstMs: number; overviewFps: number; overviewP50: number; phases: Record<string, number> }
export interface StartupSummary { kind: 'startup'; floorMs: number; commands: Record<string, number> }
export type BenchSummary = ScaleSummary | WebSummary | StartupSummary

export function printSummary(summary: BenchSummary): void {
  console.log(`${SUMMARY_PREFIX}${JSON.stringify(summary)}`)
}
