import type { LatestVersion } from '../../../shared/index.ts'
import { liveNoticeText } from './liveNoticeText.ts'
import './live.css'

interface Props {
  version: LatestVersion
  /** Opens the diff of the new version against its parent (or the version itself when it has none). */
  onOpen: () => void
  onDismiss: () => void
}

/** "Version N recorded: 1 critical change", shown when a version is recorded while the page is open. */
export function LiveNotice({ version, onOpen, onDismiss }: Props) {
  const top = version.changes?.summary.highestSeverity ?? null
  return (
    <div className="live-notice" data-testid="live-notice" role="status" aria-live="polite">
      {top !== null && <span className={`sev-badge sev-${top}`}>{top}</span>}
      <button type="button" className="live-notice-open" data-testid="live-notice-open" onClick={onOpen}
        title={version.parent !== null && version.changes !== null ? `Open the diff of version ${version.parent} → ${version.id}` : `Open version ${version.id}`}>
        {liveNoticeText(version)}
      </button>
      <button type="button" className="live-notice-close" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  )
}
