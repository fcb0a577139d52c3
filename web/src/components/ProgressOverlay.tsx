import type { BuildProgress } from '../diagram/useDiagramElements.ts'

/** Shown over the diagram while a large environment is laid out, so the page never looks frozen. */
export function ProgressOverlay({ progress }: { progress: BuildProgress }) {
  const pct = Math.round((100 * progress.done) / Math.max(1, progress.total))
  return (
    <div className="progress-overlay" data-testid="progress-overlay" role="status" aria-live="polite">
      <div className="progress-card">
        <div className="progress-title">{progress.step}…</div>
        <div className="progress-bar" aria-hidden="true"><div className="progress-fill" style={{ width: `${pct}%` }} /></div>
        <div className="progress-detail">step {progress.done + 1} of {progress.total}</div>
      </div>
    </div>
  )
}
