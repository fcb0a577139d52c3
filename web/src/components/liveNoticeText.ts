import { SEVERITIES, type LatestVersion } from '../../../shared/index.ts'

/**
 * What the page says when a version is recorded while it is open: `Version 4 recorded: 1 critical
 * change`, `… 2 high changes and 3 more`, led by the most severe changes. Resource and relationship
 * changes are counted; exposure changes only when they are the most severe (they follow from the
 * others). Pure, for the notice and its test.
 */
export function liveNoticeText(v: LatestVersion): string {
  const head = `Version ${v.id} recorded`
  const c = v.changes
  if (c === null) return v.parent === null ? `${head} (the first version)` : `${head} (its parent, version ${v.parent}, was pruned)`
  const total = SEVERITIES.reduce((n, s) => n + c.changes[s], 0)
  const top = c.summary.highestSeverity
  if (top === null) return `${head}: no changes since version ${v.parent}`
  const n = c.changes[top]
  if (n === 0) {
    const e = c.exposure[top]
    return `${head}: ${plural(e, `${top} exposure change`)}${total > 0 ? ` and ${plural(total, 'other change')}` : ''}`
  }
  return `${head}: ${plural(n, `${top} change`)}${total > n ? ` and ${total - n} more` : ''}`
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`
