import { coverageOf, describeNotCollected, type VersionSummary } from '../../../shared/index.ts'
import './views.css'

/**
 * Says, above every view, that the shown version lacks data: which calls were not collected for which
 * account/region, and how many integrity warnings it has. Verdicts that depend on them read `unknown`
 * in the exposure overlay, its panel and the findings. Text only: warnings quote AWS ids and file names.
 */
export function IncompleteDataBanner({ version }: { version: VersionSummary | null }) {
  if (version === null) return null
  const coverage = coverageOf(version.warnings)
  if (coverage.complete) return null
  const missing = describeNotCollected(coverage.notCollected)
  return (
    <div className="incomplete-banner" role="status" data-testid="incomplete-banner">
      <strong>Incomplete data in version {version.id}:</strong>{' '}
      {missing.length > 0 && <span data-testid="incomplete-calls">{missing.join('; ')}.</span>}{' '}
      {coverage.integrity.length > 0 && <span>{coverage.integrity.length} integrity warning(s) (duplicates, dangling references).</span>}{' '}
      <span>Verdicts that depend on the missing data show as unknown, never as not exposed.</span>
      {coverage.integrity.length > 0 && (
        <details className="small">
          <summary>Integrity warnings</summary>
          <ul>{coverage.integrity.slice(0, 50).map((w, i) => <li key={i} className="mono">{w.message}</li>)}</ul>
        </details>
      )}
    </div>
  )
}
