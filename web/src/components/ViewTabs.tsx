import './views.css'
import { VIEW_TABS, type ViewId } from './viewTabs.ts'

interface Props { value: ViewId; onChange: (view: ViewId) => void }

/** The header's view switcher: a tab list, one button per entry of VIEW_TABS. */
export function ViewTabs({ value, onChange }: Props) {
  return (
    <nav className="view-tabs" role="tablist" aria-label="Views" data-testid="view-tabs">
      {VIEW_TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === value}
          className={t.id === value ? 'view-tab view-tab-active' : 'view-tab'}
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </nav>
  )
}
