import type { AcceptanceMark } from '../../../shared/index.ts'
import './views.css'

interface Props {
  mark: AcceptanceMark
  /** The policy file, to say where the entry is (`vpclens.policy.yaml:14`). */
  file?: string
  /** False where the item's own heading already carries the "Accepted" badge. */
  badge?: boolean
}

/**
 * An item a policy accepts: the badge, the team's reason, owner and expiry, and the entry's line.
 * The reason and owner come from the policy file: rendered as text, never as markup.
 */
export function AcceptanceNote({ mark, file, badge = true }: Props) {
  return (
    <div className="acceptance-note small" data-testid="acceptance-note" data-line={mark.line}>
      {badge && <span className="accepted-badge" data-testid="accepted-badge">Accepted</span>}
      <span className="acceptance-reason" data-testid="acceptance-reason">{mark.reason}</span>
      <span className="muted">
        {' — '}{mark.owner}{mark.expires ? `, until ${mark.expires}` : ''}{' · '}{file ? `${baseName(file)}:${mark.line}` : `policy line ${mark.line}`}
      </span>
    </div>
  )
}

/** The file name without its folders (the full path is in the policy summary's title). */
export function baseName(path: string): string {
  return path.split(/[/\\]/).pop() || path
}
