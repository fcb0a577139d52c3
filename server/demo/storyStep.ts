import type { DemoBuilder } from './demoBuilder.ts'

/** One change of the demo story, applied to a copy of the previous version (see copyRegion). */
export interface StoryStep {
  /** A short label for the version: "port 22 opened to the world". */
  title: string
  /** What an incident responder should find in the diff, in one sentence. */
  summary: string
  apply(b: DemoBuilder): void
}
