import { describe, expect, it } from 'vitest'
import { summaryTable } from '../../bench/summaryTable.ts'

describe('the table npm run bench ends with', () => {
  it('puts each size\'s figures from the scale and web benchmarks in one row, and the start-up under it', () => {
    const table = summaryTable([
      { kind: 'scale', enis: 20001, diffMs: 937.4, diffRssMb: 109.2, incrementalMs: 788, fullMs: 1947, normalizeMs: 3000, recordMs: 850.6, readMs: 1609 },
      { kind: 'web', enis: 20000, config: 'software', firstMs: 4640, overviewFps: 29.63, overviewP50: 16.7, phases: { 'graph received': 1200.4, fitted: NaN } },
      { kind: 'scale', enis: 2000, diffMs: 470, fullMs: 200, normalizeMs: 300, recordMs: 100, readMs: 150 },
      { kind: 'startup', floorMs: 145, commands: { '--version': 229, '--help': 219 } },
    ])
    const lines = table.split('\n')
    expect(lines[2]).toBe('| 2,000 | 470 ms | n/a / 200 ms | 400 ms (300 ms + 100 ms) | 150 ms | n/a | n/a |')
    expect(lines[3]).toBe('| 20,000 | 937 ms, 109 MB | 788 ms / 1,947 ms | 3,851 ms (3,000 ms + 851 ms) | 1,609 ms | 4,640 ms | 29.6 fps (p50 16.7 ms) |')
    expect(table).toContain('`vpclens --version` 229 ms, `vpclens --help` 219 ms; `node -e 0` 145 ms')
    expect(table).toContain('first diagram at 20,000 ENIs, ms from navigation: graph received 1200 · first frame 4640')
  })
})
