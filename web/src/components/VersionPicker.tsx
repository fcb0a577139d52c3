import type { VersionSummary } from '../../../shared/index.ts'
import { formatTime } from './formatTime.ts'

interface Props { versions: VersionSummary[]; value: string; onChange: (version: string) => void }

/** Newest first: version id, time and source of each stored version. */
export function VersionPicker({ versions, value, onChange }: Props) {
  const latest = versions.at(-1)?.id
  return (
    <label className="picker">
      <span className="picker-label">Version</span>
      <select data-testid="version-picker" value={value} onChange={(e) => onChange(e.target.value)}>
        {[...versions].reverse().map((v) => (
          <option key={v.id} value={v.id}>
            {`v${v.id} · ${formatTime(v.createdAt)} · ${v.source}${v.id === latest ? ' (latest)' : ''}`}
          </option>
        ))}
      </select>
    </label>
  )
}
