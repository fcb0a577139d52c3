import type { Finding, Snapshot } from '../../shared/index.ts'
import { analyzeExposure, type ExposureAnalysis } from './analyzeExposure.ts'
import { analyzeFindings } from './analyzeFindings.ts'
import { compileModel } from './compileModel.ts'
import type { Model } from './Model.ts'

export interface SnapshotAnalysis {
  model: Model
  exposure: ExposureAnalysis
  findings: Finding[]
}

/** Everything analysis computes for one snapshot: compiled model, exposure, findings. Pure; cache it by hash. */
export function analyzeSnapshot(snapshot: Snapshot): SnapshotAnalysis {
  const model = compileModel(snapshot)
  const exposure = analyzeExposure(model)
  return { model, exposure, findings: analyzeFindings(model, exposure) }
}
