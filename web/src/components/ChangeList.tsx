import type { ChangeItem } from '../diagram/diffChangeList.ts'

interface Props {
  items: readonly ChangeItem[]
  selectedKey: string | null
  onPick: (item: ChangeItem) => void
}

const GROUP_LABEL = { exposure: 'Exposure', resource: 'Resource', relationship: 'Link' } as const

/** The diff's changes, security-relevant first; a click focuses the change in the diagram. Text only. */
export function ChangeList({ items, selectedKey, onPick }: Props) {
  if (items.length === 0) return <p className="muted change-list-empty" data-testid="change-list-empty">No changes between these versions.</p>
  return (
    <ol className="change-list" data-testid="change-list" aria-label="Changes, most security-relevant first">
      {items.map((item) => (
        <li key={item.key}>
          <button
            type="button"
            className={item.key === selectedKey ? 'change-item change-item-selected' : 'change-item'}
            data-testid="change-item"
            data-change-key={item.key}
            data-targets={item.targets.join(' ')}
            aria-pressed={item.key === selectedKey}
            onClick={() => onPick(item)}
          >
            <span className="change-item-head">
              <span className={`sev-badge sev-${item.severity}`}>{item.severity}</span>
              <span className="change-item-group">{GROUP_LABEL[item.group]}</span>
              <span className={`change-item-change change-${item.change}`}>{item.change}</span>
            </span>
            <span className="change-item-resource">
              <span className="mono">{item.resourceId}</span>
              {item.name && <span className="change-item-name"> {item.name}</span>}
            </span>
            <span className="change-item-summary">{item.summary}</span>
            {item.group === 'exposure' && item.source.causes.map((c, i) => (
              <span key={i} className="change-item-cause">← <span className="mono">{c.resourceId}</span> {c.summary}</span>
            ))}
          </button>
        </li>
      ))}
    </ol>
  )
}
