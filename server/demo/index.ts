/** The demo generator: seeded, realistic AWS accounts as Inventories, any size, with a story of versions. */
export { generateDemoVersions, DEFAULT_NOW, type DemoVersionsOptions } from './generateDemoVersions.ts'
export { generateEnvironment, DEFAULT_SEED, type EnvironmentOptions } from './generateEnvironment.ts'
export { demoStory } from './demoStory.ts'
export type { StoryStep } from './storyStep.ts'
export { DEMO_ACCOUNT, DEMO_REGION } from './demoBuilder.ts'
