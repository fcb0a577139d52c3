import { defineConfig } from 'vitest/config'
import { compiledValidators } from './web/plugins/compiledValidators.ts'
import { SlowFirstSequencer } from './test/slowFirstSequencer.ts'

export default defineConfig({
  // Web modules under test import their build-time validators (virtual:validator/…).
  plugins: [compiledValidators()],
  test: {
    include: ['test/**/*.test.ts'],
    // One CLI build for the whole run (test/globalSetup.ts).
    globalSetup: ['test/globalSetup.ts'],
    // End-to-end and integration tests start servers and browsers; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    // The slowest files first, so that none of them runs alone at the end (test/slowFirstSequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    maxWorkers: 2,
  },
})
