import { SEVERITIES, type Finding } from '../../shared/index.ts'
import type { ExposureAnalysis } from './analyzeExposure.ts'
import { exposureFindings, openRuleFindings } from './exposureFindings.ts'
import { securityGroupFindings } from './hygieneFindings.ts'
import type { Model } from './Model.ts'
import { networkFindings } from './networkFindings.ts'

/** The findings catalogue (§7, §10 phase D), most severe first. */
export function analyzeFindings(model: Model, exposure: ExposureAnalysis): Finding[] {
  const all = [
    ...exposureFindings(exposure.exposures),
    ...openRuleFindings(model, exposure.exposures, exposure.blocked),
    ...securityGroupFindings(model),
    ...networkFindings(model, exposure.evaluator.nacl, exposure.exposures),
  ]
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity)
  return all.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
