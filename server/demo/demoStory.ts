import { addStagingSubnet } from './addStagingSubnet.ts'
import { openBastionSshToWorld } from './openBastionSshToWorld.ts'
import type { StoryStep } from './storyStep.ts'
import { terminateProdWorker } from './terminateProdWorker.ts'
import { tightenPublicNacl } from './tightenPublicNacl.ts'

/** The changes after the baseline, in order: version n+1 is version n with step n applied. */
export const demoStory: readonly StoryStep[] = [openBastionSshToWorld, addStagingSubnet, terminateProdWorker, tightenPublicNacl]
