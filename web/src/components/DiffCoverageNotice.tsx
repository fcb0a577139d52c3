import { describeNotCollected, type Diff } from '../../../shared/index.ts'
import './views.css'

/**
 * Says, above a diff's changes, when either version lacks data: the calls not collected per version,
 * and how many interfaces' exposure neither side could decide — those are left out of the exposure
 * changes, so "no exposure change" for them means "not compared", never "unchanged". Text only.
 */
export function DiffCoverageNotice({ diff }: { diff: Diff }) {
  const sides = [['from', diff.from.version, diff.coverage?.from], ['to', diff.to.version, diff.coverage?.to]] as const
  const lacking = sides.filter(([, , c]) => c && !c.complete)
  // A verdict is about one interface (its first resource id) or a whole account × region.
  const unknown = [...new Set([...(diff.unknownExposure?.from ?? []), ...(diff.unknownExposure?.to ?? [])]
    .map((u) => u.resourceIds[0] ?? `every interface in ${u.account}/${u.region}`))].sort()
  if (lacking.length === 0 && unknown.length === 0) return null
  return (
    <div className="incomplete-banner" role="status" data-testid="diff-incomplete">
      <strong>Incomplete data:</strong>{' '}
      {lacking.map(([side, version, c]) => {
        const missing = describeNotCollected(c!.notCollected)
        return (
          <span key={side} data-testid={`diff-incomplete-${side}`}>
            version {version ?? side} — {missing.length > 0 ? missing.join('; ') : 'every call collected'}
            {c!.integrity.length > 0 ? `, ${c!.integrity.length} integrity warning(s)` : ''}.{' '}
          </span>
        )
      })}
      {unknown.length > 0 && (
        <span data-testid="diff-unknown-exposure">
          Exposure unknown in one of the versions, so not compared (not listed as a change either way):{' '}
          {unknown.slice(0, 5).join(', ')}{unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.
        </span>
      )}
    </div>
  )
}
