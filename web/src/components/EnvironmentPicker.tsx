import type { EnvironmentSummary } from '../../../shared/index.ts'

interface Props { environments: EnvironmentSummary[]; value: string; onChange: (env: string) => void }

/** Shown only when there is more than one environment to choose from. */
export function EnvironmentPicker({ environments, value, onChange }: Props) {
  if (environments.length < 2) return <span className="header-env" data-testid="env-name" title={value}>{value}</span>
  return (
    <label className="picker">
      <span className="picker-label">Environment</span>
      <select data-testid="env-picker" value={value} onChange={(e) => onChange(e.target.value)}>
        {environments.map((env) => (
          <option key={env.name} value={env.name}>{env.name} ({env.versionCount} versions)</option>
        ))}
      </select>
    </label>
  )
}
