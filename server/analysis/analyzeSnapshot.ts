import { type Coverage, coverageOf, type Finding, type Snapshot, type UnknownVerdict } from '../../shared/index.ts'
import { analyzeExposure, type ExposureAnalysis } from './analyzeExposure.ts'
import { analyzeFindings } from './analyzeFindings.ts'
import { compileModel } from './compileModel.ts'
import type { Model } from './Model.ts'
import { withoutUnknown } from './unknownFindings.ts'

export interface SnapshotAnalysis {
  model: Model
  exposure: ExposureAnalysis
  /** Findings the data decides; what it cannot decide is in `findingsUnknown`. */
  findings: Finding[]
  /** Exposure verdicts and checks the data cannot decide. */
  findingsUnknown: UnknownVerdict[]
  coverage: Coverage
}

/** Everything analysis computes for one snapshot: compiled model, exposure, findings. Pure; cache it by hash. */
export function analyzeSnapshot(snapshot: Snapshot): SnapshotAnalysis {
  const model = compileModel(snapshot)
  const exposure = analyzeExposure(model)
  const { findings, unknown } = withoutUnknown(snapshot, model, exposure, analyzeFindings(model, exposure))
  return { model, exposure, findings, findingsUnknown: unknown, coverage: coverageOf(snapshot.warnings) }
}
